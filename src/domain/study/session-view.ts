import type { AttendanceStatus } from './attendance.js';

/** The facts of a session a card shows. */
export interface StudySessionFacts {
  id: number;
  topic: string;
  chatId: string;
  openedBy: string;
  openedAt: Date;
  closedAt: Date | null;
  heldDate: string;
}

export interface AttendeeView {
  openId: string;
  name: string;
  status: AttendanceStatus;
  makeup: boolean;
  reason: string | null;
  note: string | null;
}

/** What a session's card shows: the session, who opened it and every record with a name. */
export interface StudySessionView {
  session: StudySessionFacts;
  openerName: string;
  attendees: AttendeeView[];
}
