/** File kinds Lark's upload takes (`file_type`). */
export type FileType = 'opus' | 'mp4' | 'pdf' | 'doc' | 'xls' | 'ppt' | 'stream';

/** A file to send as a message. */
export interface OutFile {
  fileName: string;
  fileType: FileType;
  data: Buffer;
}
