import { readFileSync, createReadStream } from 'node:fs';
import { SegmentTokenizer, EnvelopeChecker, RemittanceReader, streamRemittances } from '../src/x12';
const file = process.argv[2]!;
const text = readFileSync(file, 'utf8');
function time(label: string, f: () => void) { const t = process.hrtime.bigint(); f(); console.log(label, Number(process.hrtime.bigint() - t) / 1e6, 'ms'); }
for (let r = 0; r < 2; r++) {
time('decode', () => { const d = new TextDecoder(); const b = readFileSync(file); for (let i = 0; i < b.length; i += 262144) d.decode(b.subarray(i, i + 262144), { stream: true }); });
time('tokenize', () => { const t = new SegmentTokenizer(); let n = 0; for (let i = 0; i < text.length; i += 32768) t.feed(text.slice(i, i + 32768), () => n++); t.end(); });
time('tok+check', () => { const t = new SegmentTokenizer(); const c = new EnvelopeChecker({ strict: true }); for (let i = 0; i < text.length; i += 32768) t.feed(text.slice(i, i + 32768), (s) => c.accept(s)); t.end(); c.end(); });
time('tok+check+read', () => { const t = new SegmentTokenizer(); const c = new EnvelopeChecker({ strict: true }); const r = new RemittanceReader(); let ev: unknown[] = []; for (let i = 0; i < text.length; i += 32768) { t.feed(text.slice(i, i + 32768), (s) => { c.accept(s); r.acceptInto(s, ev as never); }); ev = []; } t.end(); c.end(); });
}
void (async () => { const t = process.hrtime.bigint(); let n = 0; for await (const e of streamRemittances(createReadStream(file, { highWaterMark: 262144 }))) if (e.kind === 'claim') n++; console.log('stream', Number(process.hrtime.bigint() - t) / 1e6, 'ms', n); })();
