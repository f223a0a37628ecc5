import type { ServerTexts } from './messages';

type Groups = Array<string | undefined>;

const fieldName = (texts: ServerTexts, name: string | undefined) => (name ? (texts.fields[name] ?? name) : '');

/** The server's known sentences (its error messages and failure reasons), each with the texts that say it in the interface's language. */
const KNOWN_SENTENCES: Array<[RegExp, (texts: ServerTexts, ...groups: Groups) => string]> = [
  [/^no NCM code matches partnumber (.+?)( \(add a description\))?$/, (texts, partnumber, addDescription) => texts.noNcmMatch(partnumber!, addDescription !== undefined)],
  [
    /^cannot (approve|reject|override) an? (ACTIVE|APPROVED|REPLACED|REJECTED) classification$/,
    (texts, action, status) => texts.cannotReview(texts.reviewActions[action!]!, texts.classificationStatuses[status!]!),
  ],
  [/^(\w+) is missing$/, (texts, field) => texts.missing(fieldName(texts, field))],
  [/^(\w+) must not be (?:empty|blank)$/, (texts, field) => texts.missing(fieldName(texts, field))],
  [/^(\w+) must have at least (\d+) characters$/, (texts, field, count) => texts.tooShort(fieldName(texts, field), Number(count))],
  [/^(\w+) must have at most (\d+) characters$/, (texts, field, count) => texts.tooLong(fieldName(texts, field), Number(count))],
  [/^(\w+) is not a number \((.*)\)$/, (texts, field, value) => texts.notANumber(fieldName(texts, field), value!)],
  [/^(\w+) must be a number$/, (texts, field) => texts.notANumber(fieldName(texts, field), null)],
  [/^(\w+) must be positive$/, (texts, field) => texts.notPositive(fieldName(texts, field))],
  [/^(\w+) must be a valid address$/, (texts, field) => texts.invalidAddress(fieldName(texts, field))],
  [/^ncm (\S+) is not in the NCM table$/, (texts, code) => texts.notInNcmTable(code!)],
  [/^NCM code (\S+) is not in the table$/, (texts, code) => texts.notInNcmTable(code!)],
  [/^classification \S+ not found$/, (texts) => texts.classificationNotFound],
  [/^task \S+ not found$/, (texts) => texts.taskNotFound],
  [/^this partnumber is already being classified/, (texts) => texts.alreadyBeingClassified],
  [/^an account with this email already exists$/, (texts) => texts.emailTaken],
  [/^registration is disabled/, (texts) => texts.registrationDisabled],
  [/^this needs an admin$/, (texts) => texts.needsAdmin],
  [/^text must not contain the NUL character/, (texts) => texts.nulCharacter],
];

/** A server sentence in the interface's language; one it does not know stays as the server wrote it. */
export function translateServerText(text: string, texts: ServerTexts): string {
  for (const [pattern, translate] of KNOWN_SENTENCES) {
    const match = pattern.exec(text);
    if (match) return translate(texts, ...match.slice(1));
  }
  return text;
}

/**
 * A validation answer, one `path: message` per invalid field joined with `; `
 * (e.g. `partnumber: partnumber must have at least 3 characters`): each message translated, its path
 * kept only where the message does not already name it (e.g. `items.2.partnumber`).
 */
export function translateValidationDetails(details: string, texts: ServerTexts): string {
  return details
    .split('; ')
    .map((part) => {
      const [, path, message] = /^([\w.]+): (.*)$/.exec(part) ?? [];
      if (!path || message === undefined) return translateServerText(part, texts);
      const translated = translateServerText(message, texts);
      if (translated === message) return part;
      return message.startsWith(`${path} `) || path === 'input' ? translated : `${path}: ${translated}`;
    })
    .join('; ');
}
