// The HTML documents the platform emits (the leader day's minutes, the bulletin's HTML edition) read by
// html-validate, an outside validator, with its rules of the HTML standard and of whole documents (not
// its style rules, such as no inline styles, which the bulletin's SVG charts use): a list of what it
// finds, empty when the document is valid.
import { HtmlValidate } from 'html-validate';

const validator = new HtmlValidate({ extends: ['html-validate:standard', 'html-validate:document'] });

export async function htmlProblems(html: string): Promise<string[]> {
  const report = await validator.validateString(html);
  return report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
}
