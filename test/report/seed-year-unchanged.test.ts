import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { docxBodyText } from '../../src/presentation/report/verify-draft.js';
import { LEADER, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import { draftFromPosts, uploadedFiles, zipEntry } from './support/draft-output.js';
import { referenceCases } from './support/reference-cases.js';
import { seedCases } from './support/seed.js';
import { say } from './support/say.js';

let t: TestBot;
afterEach(async () => t?.destroy());

/**
 * What the draft of the seed year (the 63 reference cases, no 回访 records) said before 回访
 * existed: the post, the .docx body and its comments, written by the code of main at
 * dbf352f (issue 28 started from it). The year has no 回访, so not a character may differ.
 */
const BEFORE = readFileSync(new URL('./support/seed-year-2023-before-followups.txt', import.meta.url), 'utf8');

describe('the seed year after 回访 arrived', () => {
  it('reads exactly as before: the same post, .docx body and source comments, and no 回访 or 满意率 anywhere', async () => {
    t = await startTestBot({ env: { BOT_ORG_NAME: '烈山区投资促进局' } });
    await seedCases(t.bot.db, referenceCases().map((c) => ({ ...c })));
    await say(t, '/总结 2023', LEADER);
    const docx = await waitFor(() => uploadedFiles(t.fake).find((f) => f.fileName.endsWith('.docx')), 20_000, 'the .docx');
    const comments = [...zipEntry(docx.data, 'word/comments.xml').matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
    const now = ['## post', draftFromPosts(t.fake), '## docx body', docxBodyText(docx.data, 2023), '## comments', comments, ''].join('\n');
    expect(now).toBe(BEFORE);
    expect(now).not.toMatch(/回访|满意/);
  }, 60_000);
});
