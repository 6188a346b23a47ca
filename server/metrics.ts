// Prometheus metrics of one server instance (its own registry, so tests can run several).
import { Registry, Counter, Histogram, Gauge, collectDefaultMetrics } from 'prom-client';

export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'jiangxin_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'jiangxin_http_request_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly marksAccepted = new Counter({
    name: 'jiangxin_marks_accepted_total',
    help: 'Marks stored (new revisions)',
    registers: [this.registry],
  });
  readonly boardRefresh = new Histogram({
    name: 'jiangxin_board_refresh_seconds',
    help: 'Time to bring a contest board up to date',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
    registers: [this.registry],
  });
  readonly broadcasts = new Counter({
    name: 'jiangxin_board_broadcasts_total',
    help: 'Board updates emitted',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  readonly watchers = new Gauge({
    name: 'jiangxin_live_sockets',
    help: 'Connected realtime sockets',
    registers: [this.registry],
  });
  readonly liveCuts = new Counter({
    name: 'jiangxin_live_sockets_cut_total',
    help: 'Realtime sockets cut: sending too fast (flood) or not reading (backlog)',
    labelNames: ['reason'],
    registers: [this.registry],
  });

  constructor(defaults = false) {
    if (defaults) collectDefaultMetrics({ register: this.registry });
  }
}
