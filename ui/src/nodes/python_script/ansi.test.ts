import { describe, expect, it } from 'vitest';
import { color256, parseAnsi, segmentProps, stripAnsi } from './ansi';

describe('parseAnsi', () => {
  it('keeps plain text as one unstyled segment', () => {
    expect(parseAnsi('hello\nworld')).toEqual([{ text: 'hello\nworld', style: {} }]);
  });

  it('splits on colour codes and resets', () => {
    expect(parseAnsi('\u001b[31mValueError\u001b[0m: boom')).toEqual([
      { text: 'ValueError', style: { fg: 'red' } },
      { text: ': boom', style: {} },
    ]);
  });

  it('reads IPython traceback styles: bold + 256 colours, default foreground 39', () => {
    const segments = parseAnsi('\u001b[38;5;28;01mNone\u001b[39;00m x \u001b[1;32mok\u001b[22m!');
    expect(segments[0]).toEqual({ text: 'None', style: { fg: color256(28), bold: true } });
    expect(segments[1]).toEqual({ text: ' x ', style: {} });
    expect(segments[2]).toEqual({ text: 'ok', style: { bold: true, fg: 'green' } });
    expect(segments[3]).toEqual({ text: '!', style: { fg: 'green' } });
  });

  it('reads bright, background and truecolor codes', () => {
    expect(parseAnsi('\u001b[92;44ma\u001b[49;38;2;1;2;3mb')).toEqual([
      { text: 'a', style: { fg: 'bright-green', bg: 'blue' } },
      { text: 'b', style: { fg: 'rgb(1, 2, 3)' } },
    ]);
  });

  it('treats an empty SGR as a reset and drops other escapes', () => {
    expect(parseAnsi('\u001b[1mA\u001b[mB\u001b[2KC\u001b]0;title\u0007D')).toEqual([
      { text: 'A', style: { bold: true } },
      { text: 'BCD', style: {} },
    ]);
  });

  it('merges adjacent segments of the same style', () => {
    expect(parseAnsi('\u001b[31ma\u001b[31mb')).toEqual([{ text: 'ab', style: { fg: 'red' } }]);
  });
});

describe('helpers', () => {
  it('strips escapes', () => {
    expect(stripAnsi('\u001b[0;31mError\u001b[0m')).toBe('Error');
  });

  it('maps the 256-colour palette', () => {
    expect(color256(1)).toBe('red');
    expect(color256(9)).toBe('bright-red');
    expect(color256(16)).toBe('rgb(0, 0, 0)');
    expect(color256(231)).toBe('rgb(255, 255, 255)');
    expect(color256(232)).toBe('rgb(8, 8, 8)');
  });

  it('gives classes for named colours and inline styles for others', () => {
    expect(segmentProps({ fg: 'red', bold: true })).toEqual({ className: 'ansi-fg-red ansi-bold', style: undefined });
    expect(segmentProps({ fg: 'rgb(1, 2, 3)' })).toEqual({ className: undefined, style: { color: 'rgb(1, 2, 3)' } });
  });
});
