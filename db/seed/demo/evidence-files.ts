/**
 * Small generated evidence files for the demo: one-page PDFs that carry a
 * line of text, and CSV extracts. Deterministic for the same input, so the
 * seed writes the same hashes every time.
 */
export function demoPdf(title: string, lines: string[]): Uint8Array {
  const escape = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const text = [`BT /F1 14 Tf 50 740 Td (${escape(title)}) Tj ET`, ...lines.map((l, i) => `BT /F1 10 Tf 50 ${710 - i * 16} Td (${escape(l)}) Tj ET`)].join(
    "\n",
  );
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

export function demoCsv(header: string[], rows: Array<Array<string | number>>): Uint8Array {
  return new TextEncoder().encode([header, ...rows].map((r) => r.join(",")).join("\n") + "\n");
}
