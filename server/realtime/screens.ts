// The /screens namespace (shared/screens.ts): a big screen registers on connecting and is sent its
// mode; phones and screens are sent the event's announcements. Nothing is received from them: the
// organiser changes everything over HTTP (server/routes/screens.ts), which reaches them through the
// ScreenHub. Anyone on the venue Wi-Fi may connect: the handshake is validated, an unknown event is
// refused, and an event keeps at most MAX_SCREENS screens.
import { screensHandshake } from '../../shared/screens-schema.ts';
import { eq } from 'drizzle-orm';
import { events } from '../../db/schema/index.ts';
import { DomainError, refuse, unknownEvent } from '../errors.ts';
import type { AppServices } from '../services.ts';
import { activeAnnouncements } from '../domain/screens/announcements.ts';
import { readScreen, registerScreen } from '../domain/screens/screens.ts';
import { screenStateOf } from '../domain/screens/reveal-view.ts';
import { eventRoom, screenRoom, type ScreensNamespace } from './screens-server.ts';

function refusalError(refusal: DomainError): Error & { data: ReturnType<DomainError['body']>['error'] } {
  return Object.assign(new Error(refusal.message), { data: refusal.body().error });
}

const asRefusal = (err: unknown) =>
  err instanceof DomainError ? err : refuse('unavailable', 'the screen could not be registered; try again');

export function attachScreens(nsp: ScreensNamespace, services: AppServices): void {
  nsp.use(async (socket, next) => {
    const parsed = screensHandshake.safeParse(socket.handshake.auth);
    if (!parsed.success) return next(refusalError(refuse('validation_failed', 'the handshake needs {"event": id}')));
    const { event, screen } = parsed.data;
    try {
      if (screen) await registerScreen(services.db, event, screen);
      else {
        const [ev] = await services.db.select({ id: events.id }).from(events).where(eq(events.id, event));
        if (!ev) throw unknownEvent();
      }
      socket.data.eventId = event;
      socket.data.screenId = screen;
      next();
    } catch (err) {
      next(refusalError(asRefusal(err)));
    }
  });
  nsp.on('connection', async (socket) => {
    const { eventId, screenId } = socket.data;
    await socket.join(eventRoom(eventId));
    if (screenId) await socket.join(screenRoom(eventId, screenId));
    try {
      socket.emit('announcements', await activeAnnouncements(services.db, eventId));
      if (screenId) {
        socket.emit('screen', await screenStateOf(services, eventId, await readScreen(services.db, eventId, screenId)));
      }
    } catch {
      // The database went away meanwhile: the page reconnects, and is sent everything then.
      socket.disconnect(true);
    }
  });
}
