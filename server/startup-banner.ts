// What `npm start` prints once the server answers /healthz: where each person opens the app, on
// this computer and on the venue network, the organiser's password on first start and the demo
// judges' PINs. Plain text, labels in Chinese and English (organisers read either).
import type { ResolvedAddress } from './site/addresses.ts';

export interface BannerEvent {
  id: string;
  name: string;
}

export interface BannerJudge {
  contest: string;
  code: string;
  name: string;
  pin: string;
  chief: boolean;
}

export interface BannerInfo {
  version: string;
  database: string;
  /** This computer's own address for the server (localhost, or HOST when it names one). */
  localUrl: string;
  /** The address phones and tablets get (also printed in QR codes), and where it came from. */
  site: ResolvedAddress;
  events: BannerEvent[];
  /** Set on the start that created the organiser account with a generated password. */
  adminPassword?: string;
  /** Set on the start that loaded the demo event. */
  demoJudges?: BannerJudge[];
}

const MAX_EVENTS = 3;
const SOURCE: Record<ResolvedAddress['source'], string> = {
  env: 'PUBLIC_URL',
  chosen: 'chosen in the console 控制台中选定',
  request: 'request',
  detected: 'detected 自动检测',
  loopback: 'loopback',
};

function links(base: string, events: BannerEvent[]): string[] {
  const lines = [`    控制台 Organiser console   ${base}/admin`, `    裁判   Judges (tablets)    ${base}/judge`];
  for (const e of events.slice(0, MAX_EVENTS)) {
    const id = encodeURIComponent(e.id);
    lines.push(`    大屏   Big screen          ${base}/display/${id}   (${e.name})`);
    lines.push(`    成绩   Public results      ${base}/results/${id}`);
  }
  if (events.length > MAX_EVENTS) lines.push(`    …      ${events.length - MAX_EVENTS} more events: ${base}/`);
  if (events.length === 0) {
    lines.push(`    赛事   Events              ${base}/   (none yet: create or import one in the console)`);
  }
  return lines;
}

export function startupBanner(info: BannerInfo): string {
  const rule = '─'.repeat(72);
  const out = [rule, `  匠心 Jiangxin ${info.version} is running (database: ${info.database})`, ''];
  out.push('  On this computer 本机:', ...links(info.localUrl, info.events), '');
  if (info.site.loopback) {
    out.push(
      `  ! No address phones and tablets can reach (${info.site.publicUrl}, ${SOURCE[info.site.source]}).`,
      '    手机和平板无法访问本机地址。Connect this computer to the venue network, or set PUBLIC_URL,',
      '    or choose the address in the console; QR codes, judge cards and certificates print it.',
    );
  } else {
    const heading = `  On the venue network 场馆网络 (phones, tablets; ${SOURCE[info.site.source]}):`;
    out.push(heading, ...links(info.site.publicUrl, info.events));
  }
  if (info.adminPassword) {
    out.push(
      '',
      `  Organiser account 主办方账号: admin   password 密码: ${info.adminPassword}`,
      '    (shown once 仅显示一次; set ADMIN_PASSWORD to choose it)',
    );
  }
  if (info.demoJudges?.length) {
    out.push('', '  Demo event judges 演示赛事裁判 (code, PIN, name):');
    const width = Math.max(...info.demoJudges.map((j) => j.code.length));
    for (const j of info.demoJudges) {
      const chief = j.chief ? ' (裁判长 chief)' : '';
      out.push(`    ${j.contest.padEnd(8)} ${j.code.padEnd(width)}  ${j.pin}  ${j.name}${chief}`);
    }
  }
  out.push(rule);
  return out.join('\n');
}
