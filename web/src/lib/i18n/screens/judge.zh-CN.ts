// Messages of the judge screens (Simplified Chinese, the reference). Keys start with "judge.".
export const judgeZhCN = {
  'judge.title': '裁判评分',
};
