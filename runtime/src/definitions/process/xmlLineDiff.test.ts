import { describe, expect, it } from 'vitest';
import { xmlLineDiff } from './xmlLineDiff';

describe('xmlLineDiff', () => {
  it('lists removed and added lines with their line numbers, ignoring re-indentation', () => {
    // given
    const a = [
      '<process id="p">',
      '  <startEvent id="s"/>',
      '  <userTask id="t" name="Old"/>',
      '  <endEvent id="e"/>',
      '</process>',
    ].join('\n');
    const b = [
      '<process id="p">',
      '    <startEvent id="s"/>',
      '  <userTask id="t" name="New"/>',
      '  <serviceTask id="x"/>',
      '  <endEvent id="e"/>',
      '</process>',
    ].join('\n');
    // when
    const changes = xmlLineDiff(a, b);
    // then
    expect(changes).toEqual([
      { op: 'removed', line: 3, text: '  <userTask id="t" name="Old"/>' },
      { op: 'added', line: 3, text: '  <userTask id="t" name="New"/>' },
      { op: 'added', line: 4, text: '  <serviceTask id="x"/>' },
    ]);
  });

  it('finds nothing between equal texts', () => {
    expect(xmlLineDiff('<a/>\n<b/>', '<a/>\n<b/>')).toEqual([]);
  });
});
