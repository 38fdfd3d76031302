import { describe, expect, it } from "vitest";
import { csvCell, csvFileName, csvLine, csvTable } from "./csv";

describe("csv", () => {
  it("neutralises cells a spreadsheet would run as a formula", () => {
    expect(csvCell("=HYPERLINK(\"http://evil\",\"x\")")).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell("+1+1")).toBe("'+1+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    expect(csvCell("\rcmd")).toBe(`"'\rcmd"`);
  });

  it("leaves numbers (negative ones too) and ordinary text alone, and quotes what needs quoting", () => {
    expect(csvCell(-12.5)).toBe("-12.5");
    expect(csvCell(0)).toBe("0");
    expect(csvCell("dry skin")).toBe("dry skin");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(true)).toBe("true");
    expect(csvCell(new Date("2026-01-02T03:04:05.000Z"))).toBe("2026-01-02T03:04:05.000Z");
  });

  it("writes CRLF lines and tables, and file names from labels", () => {
    expect(csvLine(["a", 1, null])).toBe("a,1,\r\n");
    expect(csvTable(["x", "y"], [["=1", 2]])).toBe("x,y\r\n'=1,2\r\n");
    expect(csvFileName("Opt-in rate × channel")).toBe("opt-in-rate-channel.csv");
    expect(csvFileName("!!!")).toBe("export.csv");
  });
});
