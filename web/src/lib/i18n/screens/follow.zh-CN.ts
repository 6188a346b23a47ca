// Messages of following contestants on a phone (Simplified Chinese, the reference). Keys start with "follow.".
export const followZhCN = {
  'follow.column': '关注',
  'follow.button': '关注 {name}',
  'follow.label': '关注',
  'follow.pinned': '我关注的选手',
  'follow.pinnedNote': '关注只保存在本手机上。点击 ★ 取消关注。',
  'follow.hint': '点击 ☆ 关注选手：TA 会固定显示在榜单顶部，成绩变化一目了然。',
  'follow.eventLead': '你在本手机上关注的选手，成绩实时更新。',
  'follow.place': '第 {rank} 名',
  'follow.noRank': '暂无名次',
  'follow.gone': '编号 {bib}：不在榜单上',
};
