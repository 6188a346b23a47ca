// Every validation issue in Simplified Chinese, by code (shared/errors/issues.ts): what is wrong
// with the value at the issue's path, which the screen shows next to it.
import type { IssueCode } from '$shared/errors/index.ts';

const ROW =
  '{what, select, event {赛事} organisation {单位} contest {赛项} section {模块} criterion {评分项} contestant {选手} other {裁判}}';
const GOT = '{value, select, none {} other {（实际为 {value}）}}';

export const issuesZhCN: Record<IssueCode, string> = {
  unknown_field: '未知字段“{field}”，请删除或更正字段名',
  required: '必填{allowed, select, none {} other {，可选值：{allowed}}}',
  wrong_type: '应为{allowed, select, none {} other {{allowed}或}}{expected}（实际为{got}）',
  one_of: `须为以下之一：{allowed}${GOT}`,
  empty: '不能为空',
  too_short: `至少 {min} 个字符${GOT}`,
  too_long: '最多 {max} 个字符',
  too_few: '至少需要 {min} 项',
  too_many: '最多 {max} 项',
  too_small: `须{inclusive, select, true {不小于} other {大于}} {min}${GOT}`,
  too_big: `须{inclusive, select, true {不大于} other {小于}} {max}${GOT}`,
  bad_format:
    '{format, select, code {须为 1–32 个小写字母、数字、- 或 _} bib {须为 1–16 个字母、数字、- 或 _} judge_code {须为 1–32 个字母、数字、- 或 _} ' +
    'pin {须为 4–8 位数字} tie_break {须为 section:代码、criterion:代码、raw-asc:代码 或 raw-desc:代码} uuid {须为 UUID} other ' +
    '{格式不正确}}' +
    GOT,
  not_multiple_of: `须为 {step} 的整数倍${GOT}`,
  invalid: `无效${GOT}`,
  unstorable: '含有无法保存的字符（NUL 或不完整的 Unicode）',
  not_json: '不是有效的 JSON{line, select, none {} other {（第 {line} 行第 {column} 列）}}',
  unreadable: '无法读取赛事文件',

  duplicate:
    '{what, select, organisation {单位代码} contest {赛项代码} judge {裁判编号} section {模块代码} criterion {评分项代码} bib {编号} ' +
    'station {工位} other {奖项名称}}“{value}”重复（首次出现在 {first}）',
  unknown_organisation: '未知单位“{value}”：请在参赛单位中添加，或更正代码',
  unknown_criterion: '未知评分项“{value}”{contest, select, none {} other {：赛项 {contest} 没有此代码的评分项}}',
  chief_shadow: '裁判长不能同时是见习裁判',
  deductions_only: '模块“{section}”只有扣分项，满分为 0：请添加测量或评判类评分项',
  weights_sum: '赛项 {contest} 的模块权重之和为 {sum}，须为 1',
  linear_same_ends: '线性计分的最好值和最差值不能相同（都是 {value}）',
  step_meaningless:
    '{scale, select, pass {合格/不合格评分只有两种结果} other {线性计分接受任何原始值}}，不使用分值步长：请删除',
  max_off_step:
    '满分 {max} 不是分值步长 {step}{defaultStep, select, true {（默认值）} other {}} 的整数倍，满分将无法给出',
  tie_break_unknown: '并列排序规则“{key}”中的{what, select, section {模块} other {评分项}}“{value}”不存在',
  tie_break_not_raw:
    '“{key}”比较原始测量值，但“{criterion}”是{kind, select, judgement {评判类评分项} deduction {扣分项} other ' +
    '{合格/不合格评分项}}：请改用“criterion:{criterion}”',
  award_ratio_or_count: '奖项须设置“比例”或“人数”中的一项，且只能设置一项',
  award_ratios_sum: '各奖项比例之和为 {sum}，超过了全部选手：之和最多为 1',
  panel_too_small:
    '评分项“{criterion}”每位选手需要 {needed} 位裁判，但只分配了 {assigned} 位正式裁判，没有选手能得到所需的评分',
  panel_own_organisation:
    '单位“{organisation}”的选手在评分项“{criterion}”上只有 {eligible} 位裁判可评分，需要 {needed} 位：其余已分配的裁判属于该单位',
  blind_without_station:
    '赛项 {contest} 为盲评，但选手 {bib} 没有工位：成绩确认前，裁判和观众只能看到每位选手的工位。' +
    '请为每位选手填写工位，或在抽签确定工位前先不设为盲评',

  value_type: '{expected, select, pass {请选择合格或不合格} count {请输入违规次数（整数）} other {请输入数值}}',
  value_range: '{max, select, none {不能小于 {min}} other {须在 {min} 到 {max} 之间}}',
  value_step: '须为 {step} 的整数倍',
  value_whole: '须为整数',

  unknown_contestant: '本赛项没有编号为 {value} 的选手',
  unknown_judge: '本赛项没有裁判 {value}',
  judge_shadow: '裁判 {judge} 是见习裁判，其评分不计入成绩',
  judge_not_assigned: '评分项“{criterion}”未分配给裁判 {judge}',
  judge_own_organisation: '裁判 {judge} 不能给本单位的选手评分',
  duplicate_correction: '对裁判 {judge} 在“{criterion}”上的评分重复更正',
  rejected_with_corrections: '驳回的申诉不能修改评分',

  archive_event_count: '须且只能包含一个赛事',
  archive_wrong_event: '须属于备份中的赛事 {event}',
  archive_dangling: '引用的{what, select, contest {赛项} mark {评分} other {成绩确认记录}}不在备份中',
  archive_duplicate_row: '重复出现',
  archive_bad_id: '不是本系统生成的编号',
  archive_pin_hash: '不是本系统生成的 PIN 校验值（须为计算量有限的 argon2id，或留空）',
  archive_not_in_file: `与赛事文件中的${ROW}不一致`,
  archive_missing_row: `赛事文件中的${ROW} {value} 在备份中没有对应的行`,
  archive_bad_transition: '赛项状态不能从“{from}”变为“{to}”',
  archive_state_history: '赛项状态为“{state}”，但状态变更记录止于“{last}”',
  archive_seq_ahead: '序号 {seq} 超过了所属赛项的序号 {max}',
  archive_digest: '与所确认成绩的摘要不符',
  archive_audit_chain: '审计日志在第 {n} 条处不连续',
  db_refused: '数据库不接受这个值',

  file_not_base64: '须为 base64 编码的 {format, select, xlsx {XLSX} other {CSV}} 文件',
  file_encoding: '文件既不是 UTF-8 也不是 GBK/GB18030 编码：请另存为 CSV（UTF-8）',
  file_nul: '文件含有 NUL 字符，请确认这是 CSV 文件',
  xlsx_too_large: 'XLSX 文件的工作表超过 {rows} 行或 {columns} 列：请只保存名单，或另存为 CSV',
  xlsx_unreadable: '无法读取 XLSX 文件：请在 Excel 或 WPS 中另存为“Excel 工作簿(.xlsx)”或 CSV',
  xlsx_too_many_parts: 'XLSX 文件的组成部分超过 {max} 个，不像是名单：请只保存名单工作表，或另存为 CSV',
  xlsx_no_sheet: 'XLSX 文件中没有工作表',
};
