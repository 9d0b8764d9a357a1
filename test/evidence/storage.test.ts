import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { detectEvidenceType } from "~/evidence/file-types";
import { LocalDiskStorage } from "~/evidence/storage/local-disk.server";
import { EvidenceTooLargeError } from "~/evidence/storage/storage";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rampart-evidence-storage-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const filesUnder = (root: string): string[] =>
  fs.existsSync(root)
    ? fs
        .readdirSync(root, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.join(e.parentPath, e.name))
    : [];

function chunks(total: number, size = 16 * 1024): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) return this.push(null);
      const n = Math.min(size, total - sent);
      sent += n;
      this.push(Buffer.alloc(n, 0x41));
    },
  });
}

describe("local disk storage", () => {
  it("stores a file under its SHA-256 and reads back the same bytes", async () => {
    const storage = new LocalDiskStorage(path.join(dir, "a"));
    const bytes = Buffer.from("scan,date\nhost-1,2026-11-01\n");
    const stored = await storage.put(Readable.from([bytes]), { maxBytes: 1024 });
    expect(stored).toEqual({ sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.length });
    expect(await storage.exists(stored.sha256)).toBe(true);
    const back: Buffer[] = [];
    for await (const c of storage.get(stored.sha256)!) back.push(c as Buffer);
    expect(Buffer.concat(back).equals(bytes)).toBe(true);
    const listed = [];
    for await (const f of storage.list()) listed.push(f);
    expect(listed).toEqual([stored]);
  });

  it("leaves nothing behind when the stream passes the limit", async () => {
    const root = path.join(dir, "b");
    const storage = new LocalDiskStorage(root);
    await expect(storage.put(chunks(200 * 1024), { maxBytes: 100 * 1024 })).rejects.toBeInstanceOf(EvidenceTooLargeError);
    expect(filesUnder(root)).toEqual([]);
  });

  it("leaves nothing behind when the content check refuses the file", async () => {
    const root = path.join(dir, "c");
    const storage = new LocalDiskStorage(root);
    const check = () => {
      throw new Error("refused");
    };
    await expect(storage.put(Readable.from([Buffer.from("MZ\x90\x00")]), { maxBytes: 1024, accept: check })).rejects.toThrow("refused");
    expect(filesUnder(root)).toEqual([]);
  });
});

describe("evidence types by content", () => {
  const head = (s: string | number[]) => (typeof s === "string" ? new TextEncoder().encode(s) : Uint8Array.from(s));
  it.each([
    ["%PDF-1.7\n", "x.pdf", "pdf"],
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0], "x.png", "png"],
    [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], "x.doc", "ole"],
    ["PK\x03\x04\x14\x00[Content_Types].xml....word/document.xml", "x.docx", "docx"],
    ["PK\x03\x04\x14\x00[Content_Types].xml....xl/workbook.xml", "x.xlsx", "xlsx"],
    ["PK\x03\x04\x14\x00readme.txt", "x.zip", "zip"],
    ["host,score\na,1\nb,2\n", "scan.csv", "csv"],
    ["Training completion was 98.7% in FY2026.\n", "notes.txt", "text"],
  ] as const)("accepts %j as %s", (bytes, name, type) => {
    expect(detectEvidenceType(head(bytes as string | number[]), name)).toEqual({ ok: true, type });
  });

  it.each([
    [[0x4d, 0x5a, 0x90, 0x00, 0x03], "report.pdf"],
    [[0x7f, 0x45, 0x4c, 0x46, 2, 1], "scan.csv"],
    ["<!DOCTYPE html><html><script>alert(1)</script>", "policy.txt"],
    ["<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "logo.png"],
    ["#!/bin/sh\nrm -rf /\n", "notes.txt"],
    [[0x00, 0x01, 0x02, 0x03], "data.csv"],
  ] as const)("refuses %j named %s", (bytes, name) => {
    expect(detectEvidenceType(head(bytes as string | number[]), name).ok).toBe(false);
  });
});
