// Messages of the organiser's console screens (Simplified Chinese, the reference). Keys start with "admin.".
export const adminZhCN = {
  'admin.title': '主办方控制台',
  'admin.signIn.title': '主办方登录',
  'admin.signIn.username': '用户名',
  'admin.signIn.password': '密码',
  'admin.signIn.submit': '登录',
  'admin.nav.events': '赛事',
  'admin.signOut': '退出登录',
};
