// ANSI escape codes (SGR: colours, bold, italic, underline) as styled segments, for tracebacks and
// inspection help that IPython colours. Other escape sequences (cursor moves, OSC titles) are dropped.

export interface AnsiStyle {
  /** One of the 16 named colours ("red", "bright-blue") or a CSS colour for 256-colour / RGB codes. */
  fg?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
}

export interface AnsiSegment {
  text: string;
  style: AnsiStyle;
}

const NAMES = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];

/** The 256-colour palette's colour n as CSS (0-15 as names, the cube and the greys as rgb()). */
export function color256(n: number): string {
  if (n < 8) return NAMES[n];
  if (n < 16) return 'bright-' + NAMES[n - 8];
  if (n < 232) {
    const i = n - 16;
    const level = (v: number) => (v === 0 ? 0 : 55 + v * 40);
    return `rgb(${level(Math.floor(i / 36))}, ${level(Math.floor(i / 6) % 6)}, ${level(i % 6)})`;
  }
  const grey = 8 + (n - 232) * 10;
  return `rgb(${grey}, ${grey}, ${grey})`;
}

function applyCodes(style: AnsiStyle, codes: number[]): AnsiStyle {
  const next = { ...style };
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    if (code === 0) {
      for (const key of Object.keys(next)) delete next[key as keyof AnsiStyle];
    } else if (code === 1) next.bold = true;
    else if (code === 2) next.dim = true;
    else if (code === 3) next.italic = true;
    else if (code === 4) next.underline = true;
    else if (code === 22) {
      delete next.bold;
      delete next.dim;
    } else if (code === 23) delete next.italic;
    else if (code === 24) delete next.underline;
    else if (code >= 30 && code <= 37) next.fg = NAMES[code - 30];
    else if (code >= 90 && code <= 97) next.fg = 'bright-' + NAMES[code - 90];
    else if (code === 39) delete next.fg;
    else if (code >= 40 && code <= 47) next.bg = NAMES[code - 40];
    else if (code >= 100 && code <= 107) next.bg = 'bright-' + NAMES[code - 100];
    else if (code === 49) delete next.bg;
    else if (code === 38 || code === 48) {
      const key = code === 38 ? 'fg' : 'bg';
      if (codes[i + 1] === 5 && codes[i + 2] !== undefined) {
        next[key] = color256(codes[i + 2]);
        i += 2;
      } else if (codes[i + 1] === 2 && codes[i + 4] !== undefined) {
        next[key] = `rgb(${codes[i + 2]}, ${codes[i + 3]}, ${codes[i + 4]})`;
        i += 4;
      }
    }
  }
  return next;
}

// CSI sequences (ESC [ params letter) and OSC sequences (ESC ] ... BEL or ESC \), and lone ESCs.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b\[([0-9;?]*)([A-Za-z])|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b/g;

/** Splits a text with ANSI codes into segments of one style each (adjacent equal styles merged). */
export function parseAnsi(text: string): AnsiSegment[] {
  const segments: AnsiSegment[] = [];
  let style: AnsiStyle = {};
  let last = 0;
  const push = (part: string) => {
    if (part === '') return;
    const previous = segments[segments.length - 1];
    if (previous && JSON.stringify(previous.style) === JSON.stringify(style)) previous.text += part;
    else segments.push({ text: part, style });
  };
  for (const match of text.matchAll(ESCAPES)) {
    push(text.slice(last, match.index));
    last = match.index! + match[0].length;
    if (match[2] === 'm') {
      const codes = match[1] === '' ? [0] : match[1].split(';').map((part) => (part === '' ? 0 : Number(part)));
      style = applyCodes(style, codes);
    }
  }
  push(text.slice(last));
  return segments;
}

/** The text without any escape codes. */
export function stripAnsi(text: string): string {
  return text.replace(ESCAPES, '');
}

/** Class names and inline style of a segment: named colours as classes (themed), others inline. */
export function segmentProps(style: AnsiStyle): { className?: string; style?: Record<string, string> } {
  const classes: string[] = [];
  const inline: Record<string, string> = {};
  if (style.fg) {
    if (style.fg.startsWith('rgb')) inline.color = style.fg;
    else classes.push('ansi-fg-' + style.fg);
  }
  if (style.bg) {
    if (style.bg.startsWith('rgb')) inline.backgroundColor = style.bg;
    else classes.push('ansi-bg-' + style.bg);
  }
  if (style.bold) classes.push('ansi-bold');
  if (style.dim) classes.push('ansi-dim');
  if (style.italic) classes.push('ansi-italic');
  if (style.underline) classes.push('ansi-underline');
  return {
    className: classes.length > 0 ? classes.join(' ') : undefined,
    style: Object.keys(inline).length > 0 ? inline : undefined,
  };
}
