import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { LoadState } from '../../../components/staff/load-state.tsx';
import { fetchTallies } from '../../../services/api/staff.ts';
import { StaffApiError } from '../../../services/api/staff-http.ts';
import { issueTicket, type IssuedTicket, type TicketInput } from '../../../services/api/tickets.ts';
import { useLoaded } from '../../../services/api/use-loaded.ts';
import { vietnamToday } from '../../../services/format/staff.ts';
import { scanCode } from '../../../services/zalo/scan.ts';
import { useStaffUnit } from '../../../state/staff-unit.ts';
import { IssueForm, type Choice } from './issue-form.tsx';
import { IssuedList } from './issued-list.tsx';
import { DEFAULT_CHOICE, readChoice, readIssued, rememberChoice, rememberIssued, type DeskChoice, type IssuedEntry } from './ticket-session.ts';
import { TicketReceipt } from './ticket-receipt.tsx';
import './tickets.css';

/** The unit's officers and fields to pick: those the tallies list (active ones, and any with figures today), as on paper ballots. */
async function choicesOf(unitId: string): Promise<{ officers: Choice[]; fields: Choice[] }> {
  const today = vietnamToday();
  const t = await fetchTallies(unitId, today, today);
  return {
    officers: t.officers.map((o) => ({ id: o.officerId, name: o.name })),
    fields: t.fields.flatMap((f) => (f.fieldId === null ? [] : [{ id: f.fieldId, name: f.name }])),
  };
}

/** A phone or tablet: the on-screen keyboard would cover the QR, so the focus is not put back after a ticket. */
const touchFirst = () => typeof window !== 'undefined' && window.matchMedia('(pointer: coarse)').matches;

/** What the QR carries: the Mini App's link, which Zalo and phone cameras open; the web link when there is no Mini App id. */
function qrLinkOf(ticket: Pick<IssuedTicket, 'deepLink' | 'webLink'>): string {
  return ticket.deepLink || ticket.webLink;
}

/**
 * "Phiếu đánh giá theo hồ sơ" (issue 30): the clerk types or scans a dossier code, and the
 * screen shows the dossier's one-time QR large, for the citizen to scan there or on the printed
 * receipt; then on to the next dossier.
 */
export function TicketsPage() {
  const { unit } = useStaffUnit();
  return <TicketsScreen key={unit.id} unitId={unit.id} unitName={unit.name} />;
}

function TicketsScreen({ unitId, unitName }: { readonly unitId: string; readonly unitName: string }) {
  const choices = useLoaded(useCallback(() => choicesOf(unitId), [unitId]), unitId);
  const people = choices.state.kind === 'ok' ? choices.state.data : null;
  // The desk's last officer, field and paper, once the unit's lists are known; then what is chosen here.
  const remembered = useMemo(() => (people ? readChoice(unitId, people.officers.map((o) => o.id), people.fields.map((f) => f.id)) : DEFAULT_CHOICE), [people, unitId]);
  const [chosen, setChosen] = useState<Partial<DeskChoice>>({});
  const desk: DeskChoice = { ...remembered, ...chosen };
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<IssuedEntry[]>(() => readIssued(unitId));
  const [shown, setShown] = useState<IssuedEntry | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const receiptRef = useRef<HTMLDivElement>(null);
  // A scanner's Enter can come twice before the screen shows "busy": one request at a time.
  const inFlight = useRef(false);

  // At a desk the code is the first thing typed (or scanned): the focus starts there; not on a phone.
  useEffect(() => {
    if (!touchFirst()) inputRef.current?.focus();
  }, []);

  const chooseDesk = (change: Partial<DeskChoice>) => {
    setChosen((c) => ({ ...c, ...change }));
    rememberChoice(unitId, { ...desk, ...change });
  };

  async function issue(raw: string) {
    if (inFlight.current) return;
    const dossierCode = raw.normalize('NFC').trim();
    if (!dossierCode) {
      setError('Vui lòng nhập hoặc quét mã hồ sơ.');
      inputRef.current?.focus();
      return;
    }
    inFlight.current = true;
    setBusy(true);
    setError(null);
    const input: TicketInput = { dossierCode };
    if (desk.officerId) input.officerId = desk.officerId;
    if (desk.fieldId) input.fieldId = desk.fieldId;
    try {
      const ticket = await issueTicket(unitId, input);
      const entry: IssuedEntry = { ticket, issuedAt: new Date().toISOString() };
      setIssued(rememberIssued(unitId, entry));
      setShown(entry);
      setCode(ticket.dossierCode);
      if (touchFirst()) {
        inputRef.current?.blur();
        requestAnimationFrame(() => receiptRef.current?.scrollIntoView?.({ behavior: 'smooth', block: 'start' }));
      } else {
        // The code stays, selected: a scanner's next code replaces it and its Enter issues the next ticket.
        requestAnimationFrame(() => inputRef.current?.select());
      }
    } catch (e) {
      setError(e instanceof StaffApiError ? e.message : 'Chưa tạo được mã QR. Vui lòng thử lại.');
      inputRef.current?.focus();
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  function next() {
    setShown(null);
    setCode('');
    setError(null);
    inputRef.current?.focus();
  }

  async function scan() {
    const scanned = await scanCode();
    if (scanned) {
      setCode(scanned);
      await issue(scanned);
    }
  }

  return (
    <div className="staff-screen tickets-screen">
      <h1 className="staff-title no-print">Phiếu đánh giá theo hồ sơ</h1>
      <p className="staff-muted no-print tickets-intro">
        Khi nhận hồ sơ hoặc trả kết quả: tạo mã QR cho hồ sơ; người dân quét mã trên màn hình hoặc trên giấy biên nhận để đánh giá. Mỗi mã dùng cho một lần đánh giá.
      </p>
      <div className="tickets-layout">
        <IssueForm
          code={code}
          officerId={desk.officerId}
          fieldId={desk.fieldId}
          officers={people?.officers ?? []}
          fields={people?.fields ?? []}
          busy={busy}
          error={error}
          inputRef={inputRef}
          onCode={setCode}
          onOfficer={(officerId) => chooseDesk({ officerId })}
          onField={(fieldId) => chooseDesk({ fieldId })}
          onIssue={() => void issue(code)}
          onScan={() => void scan()}
        >
          {choices.state.kind === 'error' && <LoadState state={choices.state} onRetry={choices.reload} />}
        </IssueForm>
        <div className="tickets-shown" ref={receiptRef}>
          {shown ? (
            <TicketReceipt
              unitId={unitId}
              unitName={unitName}
              ticket={shown.ticket}
              link={qrLinkOf(shown.ticket)}
              paper={desk.paper}
              onPaper={(paper) => chooseDesk({ paper })}
              onPrint={() => {
                window.print();
                if (!touchFirst()) inputRef.current?.focus();
              }}
              onNext={next}
            />
          ) : (
            <section className="report-card ticket-empty no-print" aria-label="Mã QR">
              <span className="ticket-empty-mark" aria-hidden="true" />
              <p>Mã QR của hồ sơ sẽ hiện ở đây, cỡ lớn, để người dân quét ngay trên màn hình.</p>
            </section>
          )}
        </div>
        <IssuedList
          entries={issued}
          shown={shown?.ticket.token ?? null}
          onShow={(entry) => {
            setShown(entry);
            setCode(entry.ticket.dossierCode);
            setError(null);
          }}
        />
      </div>
    </div>
  );
}
