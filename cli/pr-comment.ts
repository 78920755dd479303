/**
 * The pull-request comment `gke-platform diff --comment` writes: the reviewer's diff first, then the head's platform
 * report folded away. Two things a comment cannot do shape it: show files of the CI job (the report's pictures are
 * relative links, so they are named instead of embedded) and exceed GitHub's size limit (the comment is cut, with
 * a note, rather than refused by the API).
 */

/** GitHub's limit on a comment body, in characters (the API refuses longer bodies). */
export const GITHUB_COMMENT_LIMIT = 65536;

/** What goes into the comment. */
export interface PrCommentInput {
  /** The Markdown diff (`renderSynthDiff`): always shown first, whole unless it alone exceeds the limit. */
  readonly diff: string;
  /** The head's platform report (`platform-report.md`). @default none: the comment holds the diff only */
  readonly report?: string;
  /** Where the report and its pictures are, as the reader can find them (e.g. the job's artifact). @default 'the report folder' */
  readonly reportPlace?: string;
  /** Most characters the comment may hold. @default GITHUB_COMMENT_LIMIT (65,536) */
  readonly limit?: number;
}

/** Markdown image links to relative files: `![alt](file.svg)`; absolute URLs are left alone. */
const RELATIVE_IMAGE = /!\[([^\]]*)\]\((?![a-z][a-z0-9+.-]*:|\/)([^)\s]+)\)/gi;

/** The report with each relative picture replaced by its alt text and file name (a comment cannot show them). */
export function namePictures(report: string, place: string): string {
  return report.replace(RELATIVE_IMAGE, (_, alt: string, file: string) => `*Picture: ${alt} (\`${file}\` in ${place})*`);
}

/** The comment body: the diff, then the report in a folded section, cut to `limit` characters with a note. */
export function prComment(input: PrCommentInput): string {
  const limit = input.limit ?? GITHUB_COMMENT_LIMIT;
  const place = input.reportPlace ?? 'the report folder';
  const diff = input.diff.endsWith('\n') ? input.diff : `${input.diff}\n`;
  const report = input.report === undefined ? '' : `\n<details>\n<summary>Platform report (head)</summary>\n\n${namePictures(input.report, place).trimEnd()}\n\n</details>\n`;
  const whole = `${diff}${report}`;
  if (whole.length <= limit) return whole;
  const note = `\n\n*Cut at ${limit.toLocaleString('en-US')} characters, GitHub's comment limit: the whole diff is \`gke-platform diff --out\` in CI and the report is in ${place}.*\n`;
  // Cut at a line boundary inside the budget, and close the <details> the cut left open (the report nests them)
  // so the note renders outside them.
  const closing = (text: string) => '\n\n</details>'.repeat(Math.max(0, count(text, '<details>') - count(text, '</details>')));
  let body = whole.slice(0, Math.max(0, limit - note.length - closing(whole.slice(0, limit)).length));
  body = body.slice(0, body.lastIndexOf('\n') + 1);
  return `${body.trimEnd()}${closing(body)}${note}`;
}

function count(text: string, tag: string): number {
  return text.split(tag).length - 1;
}
