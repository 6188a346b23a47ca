// Messages of the display screens (Simplified Chinese, the reference). Keys start with "display.".
export const displayZhCN = {
  'display.title': '大屏',
};
