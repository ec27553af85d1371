/**
 * Spark datetime patterns (`yyyy-MM-dd HH:mm:ss.SSS`), compiled once per batch into tokens that
 * format local date-time fields and parse strings back into them. Letters: y (year; yy = 2000 +
 * two digits), M/L (1–2 digits, MMM "Jan", MMMM "January"), d, D (day of year), E (EEE "Mon",
 * EEEE "Monday"), a (AM/PM), H (0–23), h (1–12), K (0–11), k (1–24), m, s, S (fraction of a
 * second, to microseconds), Z (+0000), X (Z or +00, +0000, +00:00), x (as X without Z); text in
 * single quotes ('' is a quote); any other non-letter stands for itself. Parsing is Spark's
 * non-ANSI mode: a letter run of n ≥ 2 wants exactly n digits, month and day names match in any
 * case, the whole string must be consumed, and anything else gives null.
 */
import { daysFromCivil, daysInMonth } from "../civil-date.js";

type Token = { readonly kind: "text"; readonly text: string } | { readonly kind: "field"; readonly letter: string; readonly count: number };

/** Local date-time fields; `offsetMs` is set by a parsed zone offset (null: none in the text). */
export interface DateTimeFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  micro: number;
  offsetMs: number | null;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const NUMERIC = "yMLdDHhKkmsS";

export class DatetimePattern {
  private readonly tokens: readonly Token[];

  /** @example new DatetimePattern("yyyy-MM-dd").format(fields) // "2024-02-29" */
  constructor(readonly pattern: string) {
    this.tokens = tokenize(pattern);
  }

  /** Formats local fields; `offsetMs` is the zone's offset (for Z/X/x). */
  format(f: DateTimeFields, offsetMs: number): string {
    let out = "";
    for (const t of this.tokens) out += t.kind === "text" ? t.text : formatField(t.letter, t.count, f, offsetMs);
    return out;
  }

  /** Parses `s` into `f`; false when it does not match or names an invalid date or time. */
  parse(s: string, f: DateTimeFields): boolean {
    f.year = 1970;
    f.month = 1;
    f.day = 1;
    f.hour = 0;
    f.minute = 0;
    f.second = 0;
    f.micro = 0;
    f.offsetMs = null;
    let pm: boolean | null = null;
    let hour12 = -1;
    let doy = -1;
    let p = 0;
    const toks = this.tokens;
    for (let k = 0; k < toks.length; k++) {
      const t = toks[k]!;
      if (t.kind === "text") {
        if (s.slice(p, p + t.text.length).toLowerCase() !== t.text.toLowerCase()) return false;
        p += t.text.length;
        continue;
      }
      const { letter, count } = t;
      const next = toks[k + 1];
      const adjacent = next !== undefined && next.kind === "field" && NUMERIC.includes(next.letter);
      if ((letter === "M" || letter === "L") && count >= 3) {
        const hit = matchName(s, p, MONTHS, count === 3);
        if (hit === null) return false;
        f.month = hit[0] + 1;
        p = hit[1];
        continue;
      }
      if (letter === "E") {
        const hit = matchName(s, p, DAYS, count <= 3);
        if (hit === null) return false;
        p = hit[1];
        continue;
      }
      if (letter === "a") {
        const x = s.slice(p, p + 2).toUpperCase();
        if (x !== "AM" && x !== "PM") return false;
        pm = x === "PM";
        p += 2;
        continue;
      }
      if (letter === "Z" || letter === "X" || letter === "x") {
        const hit = parseOffset(s, p, letter === "X");
        if (hit === null) return false;
        f.offsetMs = hit[0];
        p = hit[1];
        continue;
      }
      const [min, max] = digitRange(letter, count, adjacent);
      let q = p;
      while (q < s.length && q - p < max && s.charCodeAt(q) >= 48 && s.charCodeAt(q) <= 57) q++;
      if (q - p < min) return false;
      const digits = s.slice(p, q);
      const v = Number(digits);
      p = q;
      switch (letter) {
        case "y": f.year = count === 2 ? 2000 + v : v; break;
        case "M": case "L": f.month = v; break;
        case "d": f.day = v; break;
        case "D": doy = v; break;
        case "H": f.hour = v; break;
        case "k": f.hour = v === 24 ? 0 : v; break;
        case "h": hour12 = v; if (v < 1 || v > 12) return false; break;
        case "K": hour12 = v; if (v > 11) return false; break;
        case "m": f.minute = v; break;
        case "s": f.second = v; break;
        case "S": f.micro = Number((digits + "00000").slice(0, 6)); break;
      }
    }
    if (p !== s.length) return false;
    if (hour12 >= 0) f.hour = (hour12 % 12) + (pm === true ? 12 : 0);
    if (doy >= 0) {
      const leap = daysInMonth(f.year, 2) === 29;
      if (doy < 1 || doy > (leap ? 366 : 365)) return false;
      const days = daysFromCivil(f.year, 1, 1) + doy - 1;
      const probe = new Date(days * 86400000);
      f.month = probe.getUTCMonth() + 1;
      f.day = probe.getUTCDate();
    }
    return f.month >= 1 && f.month <= 12 && f.day >= 1 && f.day <= daysInMonth(f.year, f.month) && f.hour < 24 && f.minute < 60 && f.second < 60;
  }
}

function tokenize(pattern: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i]!;
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        out.push({ kind: "text", text: "'" });
        i += 2;
        continue;
      }
      let text = "";
      let j = i + 1;
      while (j < pattern.length) {
        if (pattern[j] === "'" && pattern[j + 1] === "'") {
          text += "'";
          j += 2;
        } else if (pattern[j] === "'") break;
        else text += pattern[j++];
      }
      out.push({ kind: "text", text });
      i = j + 1;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      out.push({ kind: "field", letter: c, count: j - i });
      i = j;
      continue;
    }
    out.push({ kind: "text", text: c });
    i++;
  }
  return out;
}

/** How many digits a numeric field takes when parsing. */
function digitRange(letter: string, count: number, adjacent: boolean): [number, number] {
  if (letter === "S") return [1, count];
  if (letter === "y") {
    if (count === 2) return [2, 2];
    return [count === 1 ? 1 : count, adjacent ? Math.max(count, 4) : 9];
  }
  if (count >= 2) return [count, count];
  return [1, adjacent ? (letter === "D" ? 3 : 2) : letter === "D" ? 3 : 2];
}

function matchName(s: string, p: number, names: readonly string[], short: boolean): [number, number] | null {
  const rest = s.slice(p).toLowerCase();
  for (let k = 0; k < names.length; k++) {
    const name = short ? names[k]!.slice(0, 3) : names[k]!;
    if (rest.startsWith(name.toLowerCase())) return [k, p + name.length];
  }
  return null;
}

function parseOffset(s: string, p: number, allowZ: boolean): [number, number] | null {
  if (allowZ && s[p] === "Z") return [0, p + 1];
  const m = /^([+-])(\d{2}):?(\d{2})?/.exec(s.slice(p));
  if (!m) return null;
  const ms = (Number(m[2]) * 60 + Number(m[3] ?? 0)) * 60000;
  return [m[1] === "-" ? -ms : ms, p + m[0].length];
}

const pad = (v: number, width: number): string => String(v).padStart(width, "0");

function formatField(letter: string, count: number, f: DateTimeFields, offsetMs: number): string {
  switch (letter) {
    case "y":
      return count === 2 ? pad(((f.year % 100) + 100) % 100, 2) : pad(f.year, count);
    case "M":
    case "L":
      return count >= 4 ? MONTHS[f.month - 1]! : count === 3 ? MONTHS[f.month - 1]!.slice(0, 3) : pad(f.month, count);
    case "d":
      return pad(f.day, count);
    case "D":
      return pad(daysFromCivil(f.year, f.month, f.day) - daysFromCivil(f.year, 1, 1) + 1, count);
    case "E": {
      const dow = (((daysFromCivil(f.year, f.month, f.day) + 3) % 7) + 7) % 7; // 0 = Monday
      return count >= 4 ? DAYS[dow]! : DAYS[dow]!.slice(0, 3);
    }
    case "a":
      return f.hour < 12 ? "AM" : "PM";
    case "H":
      return pad(f.hour, count);
    case "h":
      return pad(((f.hour + 11) % 12) + 1, count);
    case "K":
      return pad(f.hour % 12, count);
    case "k":
      return pad(f.hour === 0 ? 24 : f.hour, count);
    case "m":
      return pad(f.minute, count);
    case "s":
      return pad(f.second, count);
    case "S":
      return pad(f.micro, 6).padEnd(count, "0").slice(0, count);
    case "Z":
      return formatOffset(offsetMs, false, false);
    case "X":
    case "x":
      if (letter === "X" && offsetMs === 0) return "Z";
      return count === 1 ? formatOffset(offsetMs, false, true) : formatOffset(offsetMs, count >= 3, false);
    default:
      throw new Error(`internal: datetime pattern letter ${letter}`);
  }
}

function formatOffset(ms: number, colon: boolean, hoursOnly: boolean): string {
  const sign = ms < 0 ? "-" : "+";
  const mins = Math.round(Math.abs(ms) / 60000);
  const hh = pad(Math.floor(mins / 60), 2);
  const mm = pad(mins % 60, 2);
  if (hoursOnly) return mins % 60 === 0 ? `${sign}${hh}` : `${sign}${hh}${mm}`;
  return colon ? `${sign}${hh}:${mm}` : `${sign}${hh}${mm}`;
}
