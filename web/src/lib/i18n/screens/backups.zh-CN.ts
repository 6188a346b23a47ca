// Messages of the organiser's backup screens (Simplified Chinese, the reference). Keys start with "backups.".
export const backupsZhCN = {
  'backups.title': '数据备份',
  'backups.lead':
    '比赛进行中，系统自动为内置数据库拍摄快照：评分期间每隔几分钟一次，每次赛项状态变更后一次。电脑故障时可用快照恢复全部成绩。',
  'backups.takeNow': '立即拍摄快照',
  'backups.taking': '正在拍摄…',
  'backups.taken': '已拍摄快照 {file}。',
  'backups.empty': '还没有快照。',
  'backups.folder': '快照保存在 {dir}',
  'backups.col.time': '时间',
  'backups.col.reason': '原因',
  'backups.col.size': '大小',
  'backups.col.file': '文件',
  'backups.download': '下载',
  'backups.reason.scheduled': '定时',
  'backups.reason.state': '状态变更',
  'backups.reason.manual': '手动',
  'backups.restoreTitle': '如何恢复',
  'backups.restoreText':
    '先停止服务器，然后在服务器电脑上运行下面的命令（不带文件名则列出所有快照）。当前数据库会被移到一旁保留，不会删除。',
  'backups.off':
    '使用 PostgreSQL 数据库时不拍摄快照。请用 pg_dump 备份数据库，并用“赛事存档”把单个赛事迁移到其他电脑。',
  'backups.failed': '操作未成功：{message}',
  'backups.archive.title': '赛事存档',
  'backups.archive.lead':
    '存档文件包含本赛事的全部数据：赛项、选手、裁判、每一次评分、状态变更和审计日志。可在另一台电脑上导入后继续比赛。',
  'backups.archive.pins': '包含裁判 PIN 的校验信息（导入后裁判可用原 PIN 登录）',
  'backups.archive.pinsOff': '默认不含裁判 PIN：导入后需为裁判重新生成 PIN 并打印裁判卡。',
  'backups.archive.pinsOn':
    '注意：6 位 PIN 可被离线穷举破解（约数小时），请像保管 PIN 本身一样保管这个文件，不要通过聊天软件或邮件随意传送。',
  'backups.archive.download': '下载赛事存档',
  'backups.import.title': '导入赛事存档',
  'backups.import.lead':
    '选择从其他电脑下载的存档文件（.json.gz）。赛事连同全部评分原样重建，赛事、赛项和证书的编号与链接不变。',
  'backups.import.file': '存档文件',
  'backups.import.submit': '导入',
  'backups.import.working': '正在导入…',
  'backups.import.done': '已导入赛事，共 {count} 个赛项。',
  'backups.import.open': '打开赛事',
  'backups.import.refused': '未导入：{message}',
  'backups.import.auditOk': '审计日志校验通过（{entries} 条）。',
  'backups.import.auditBad': '注意：审计日志校验未通过（{problem}）。',
  'backups.import.noPins':
    '存档不含裁判 PIN：{count} 位裁判在这台电脑上还没有 PIN，登录评分前请为他们生成新 PIN 并打印裁判卡。',
  'backups.import.issuePins': '生成新 PIN',
};
