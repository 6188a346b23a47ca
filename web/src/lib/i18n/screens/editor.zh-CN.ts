// Messages of the organiser's editor screens (Simplified Chinese, the reference). Keys start with "editor.".
export const editorZhCN = {
  'editor.title': '编辑赛事',
};
