// The state of one editing session: the form, its live validation with the shared parser, and the
// server's issues from the last refused save (shown until the form changes again).
import { parseEventFile } from '$shared/event-file/parse.ts';
import type { WireIssue } from '$shared/errors/index.ts';
import { fileToForm, formToFile, type EventForm } from './form.ts';
import { FieldIssues, type FieldKey } from './paths.ts';
import type { EventFile } from '$shared/event-file/schema.ts';

export class EventEditor {
  form = $state<EventForm>({ name: '', organisations: [], contests: [] });
  /** Why the editor is read-only (a contest has left setup), or null when it may be edited. */
  lockedBy = $state<string | null>(null);

  private serverIssues = $state<WireIssue[]>([]);
  private serverFor = $state('');

  readonly file = $derived(formToFile(this.form));
  private readonly text = $derived(JSON.stringify(this.file));
  readonly parsed = $derived(parseEventFile(this.file));
  /** The client's issues, and the server's while the file is still the one it refused. */
  readonly issues = $derived<WireIssue[]>([
    ...(this.parsed.ok ? [] : this.parsed.issues),
    ...(this.serverFor === this.text ? this.serverIssues : []),
  ]);
  readonly fields = $derived(new FieldIssues(this.issues));
  readonly warnings = $derived(this.parsed.ok ? this.parsed.warnings : []);

  constructor(form: EventForm) {
    this.form = form;
  }

  static fromFile(file: EventFile): EventEditor {
    return new EventEditor(fileToForm(file));
  }

  get readOnly(): boolean {
    return this.lockedBy !== null;
  }

  at(key: FieldKey): string[] {
    return this.fields.at(key);
  }

  /** Keeps the server's refusal next to the fields until the organiser changes the form. */
  refusedWith(issues: WireIssue[]): void {
    this.serverIssues = issues;
    this.serverFor = this.text;
  }
}
