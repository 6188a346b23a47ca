// Messages of the chief screens (Simplified Chinese, the reference). Keys start with "chief.".
export const chiefZhCN = {
  'chief.title': '裁判长工作台',
};
