import PDFDocument from 'pdfkit';
import type { StatementDocument } from './statement-document';

/**
 * The statement as a PDF (pdfkit, built-in Helvetica). Streams are not compressed: the document
 * is small, and its text stays searchable by the tests and by mail-house tools.
 */
export function statementPdf(doc: StatementDocument, issuedAt: Date): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'LETTER',
    margin: 54,
    compress: false,
    info: { Title: doc.title, Author: doc.practice.name, CreationDate: issuedAt },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  writeStatement(pdf, doc);
  pdf.end();
  return done;
}

/** The built-in PDF fonts encode WinAnsi only: the typographic minus becomes a hyphen. */
const winAnsi = (text: string) => text.replace(/\u2212/g, '-');

function writeStatement(pdf: PDFKit.PDFDocument, doc: StatementDocument): void {
  const lines = (font: 'Helvetica' | 'Helvetica-Bold', size: number, texts: string[]) => {
    pdf.font(font).fontSize(size);
    for (const text of texts) pdf.text(winAnsi(text));
  };
  lines('Helvetica-Bold', 16, [doc.practice.name]);
  lines('Helvetica', 10, [...doc.practice.addressLines, doc.practice.phone]);
  pdf.moveDown();
  lines('Helvetica-Bold', 14, [doc.title]);
  lines('Helvetica', 10, [doc.notice]);
  pdf.moveDown();
  lines('Helvetica', 10, [doc.patient.name, ...doc.patient.addressLines]);
  pdf.moveDown();
  lines(
    'Helvetica',
    10,
    doc.facts.map(([label, value]) => `${label}: ${value}`),
  );
  pdf.moveDown();
  lines('Helvetica-Bold', 10, ['Services']);
  lines(
    'Helvetica',
    10,
    doc.services.map((l) => `${l.code}  ${l.description}  ${l.charge}`),
  );
  pdf.moveDown();
  lines(
    'Helvetica',
    10,
    doc.summary.map(([label, value]) => `${label}: ${value}`),
  );
  lines('Helvetica-Bold', 12, [`Amount due: ${doc.amountDue}`]);
  pdf.moveDown();
  lines('Helvetica-Bold', 10, [`How to pay (by ${doc.payBy})`]);
  lines('Helvetica', 10, doc.howToPay);
}
