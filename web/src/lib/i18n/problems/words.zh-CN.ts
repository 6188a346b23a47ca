// The words problems are made of in Simplified Chinese: kinds of value, request fields, and how
// lists and quoted values are written.
import type { ValueType } from '$shared/errors/index.ts';

export const wordsZhCN = {
  types: {
    text: '文本',
    number: '数字',
    whole_number: '整数',
    boolean: '布尔值 true 或 false',
    object: '对象',
    list: '列表',
    null: '空值 null',
  } satisfies Record<ValueType, string>,
  /** Request fields a refusal may name (the last part of an issue's path). */
  fields: {
    value: '分值',
    reason: '理由',
    note: '备注',
    contestant: '选手',
    criterion: '评分项',
    judge: '裁判',
    judges: '裁判',
    text: '申诉内容',
    username: '用户名',
    password: '密码',
    pin: 'PIN 码',
    event: '赛事',
    to: '目标状态',
    decision: '裁决',
    corrections: '更正',
    appealWindowMinutes: '申诉期（分钟）',
    content: '文件内容',
    clientId: '评分编号',
    marks: '评分',
    bibs: '编号',
  } as Record<string, string>,
  listSeparator: '、',
  orSeparator: '或',
  quote: (text: string) => `“${text}”`,
  /** "字段：问题" */
  labelled: (label: string, text: string) => `${label}：${text}`,
  more: (count: string) => `（另有 ${count} 个问题）`,
};
