import { describe, expect, it } from 'vitest';
import { markdownTable } from './markdown-table';

describe('markdownTable', () => {
  it('pads every column to its widest cell, with a separator row', () => {
    expect(markdownTable(['a', 'value'], [['long cell', '1'], ['x']])).toBe(
      [
        '| a         | value |',
        '| --------- | ----- |',
        '| long cell | 1     |',
        '| x         |       |',
      ].join('\n'),
    );
  });
});
