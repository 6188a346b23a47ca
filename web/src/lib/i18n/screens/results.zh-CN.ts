// Messages of the results screens (Simplified Chinese, the reference). Keys start with "results.".
export const resultsZhCN = {
  'results.title': '成绩',
};
