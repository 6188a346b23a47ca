import { describe, expect, it } from 'vitest';
import type { Section } from '$shared/event-file/schema.ts';
import { emWidth, sectionLabels } from './columns.ts';

const section = (code: string, name: string) => ({ code, name, weight: 0.5, criteria: [] }) as unknown as Section;

describe('sectionLabels', () => {
  it('keeps names that fit their column', () => {
    expect(sectionLabels([section('t', '理论知识'), section('p', '实际操作')])).toEqual({
      labels: ['理论知识', '实际操作'],
      legend: false,
    });
    expect(sectionLabels([section('t', 'Theory')]).legend).toBe(false);
  });
  it('letters every column when one name is too long, for a legend to explain', () => {
    expect(sectionLabels([section('s', '交通安全与服务规范'), section('p', '实际操作')])).toEqual({
      labels: ['A', 'B'],
      legend: true,
    });
    expect(sectionLabels([section('s', 'Traffic safety and service')]).legend).toBe(true);
  });
  it('measures Chinese characters wider than Latin ones', () => {
    expect(emWidth('理论知识')).toBe(4);
    expect(emWidth('Theory')).toBeCloseTo(3.6);
  });
});
