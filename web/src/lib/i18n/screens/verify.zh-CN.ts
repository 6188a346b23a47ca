// Messages of the organiser's verify screens (Simplified Chinese, the reference). Keys start with "verify.".
export const verifyZhCN = {
  'verify.title': '证书验证',
};
