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

function writeStatement(pdf: PDFKit.PDFDocument, doc: StatementDocument): void {
  pdf.font('Helvetica-Bold').fontSize(16).text(doc.practice.name);
  pdf.font('Helvetica').fontSize(10);
  for (const line of [...doc.practice.addressLines, doc.practice.phone]) pdf.text(line);
  pdf.moveDown().font('Helvetica-Bold').fontSize(14).text(doc.title);
  pdf.font('Helvetica').fontSize(10).text(doc.notice).moveDown();
  for (const line of [doc.patient.name, ...doc.patient.addressLines]) pdf.text(line);
  pdf.moveDown();
  for (const [label, value] of doc.facts) pdf.text(`${label}: ${value}`);
  pdf.moveDown().font('Helvetica-Bold').text('Services');
  pdf.font('Helvetica');
  for (const line of doc.services) pdf.text(`${line.code}  ${line.description}  ${line.charge}`);
  pdf.moveDown();
  for (const [label, value] of doc.summary) pdf.text(`${label}: ${value}`);
  pdf.font('Helvetica-Bold').fontSize(12).text(`Amount due: ${doc.amountDue}`).moveDown();
  pdf.fontSize(10).text(`How to pay (by ${doc.payBy})`);
  pdf.font('Helvetica');
  for (const way of doc.howToPay) pdf.text(way);
}
