import { describe, expect, it } from "vitest";
import { readCatalogFile } from "./import";

const csv = [
  "sku,name,description,price,currency,image_url,category,in_stock,attr.skin_types,attr.fragrance_free",
  "GLW-1,Hydrating Cleanser,Gentle,18.50,usd,https://cdn.example/1.png,cleanser,yes,dry|normal,true",
  "GLW-2,Clay Mask,,$24,USD,,mask,,oily,",
  "",
  "GLW-3,Serum,,-5,USD,,serum,no,,",
  "GLW-4,\"Night cream, rich\",\"two",
  "lines\",42.125,EUR,,moisturiser,1,,",
  "GLW-1,Duplicate cleanser,,19,USD,,cleanser,yes,,",
  "GLW-5,Toner,,12,US Dollars,,toner,maybe,,",
  "GLW-6,Sunscreen,,30,USD,ftp://x,spf,true,all,",
].join("\n");

describe("readCatalogFile (CSV)", () => {
  it("keeps valid rows and reports every bad one with its line and fields", () => {
    const read = readCatalogFile("csv", csv);
    expect(read.fileError).toBeNull();
    expect(read.rows).toBe(7);
    expect(read.valid.map((v) => v.product.sku)).toEqual([]);
    const byLine = Object.fromEntries(read.rejected.map((r) => [r.row, r.errors.map((e) => e.field).sort()]));
    expect(byLine).toEqual({
      2: ["sku"],
      3: ["price"],
      5: ["price"],
      6: ["price"],
      8: ["sku"],
      9: ["currency", "inStock"],
      10: ["imageUrl"],
    });
    expect(read.rejected.find((r) => r.row === 2)!.errors[0]!.message).toBe("SKU GLW-1 appears on rows 2, 8");
    expect(read.rejected.find((r) => r.row === 3)!.errors[0]!.message).toContain('"$24" is not a price');
    expect(read.rejected.find((r) => r.row === 5)!.errors[0]!.message).toBe("A price cannot be negative");
    expect(read.rejected.find((r) => r.row === 6)!.errors[0]!.message).toBe("Use at most two decimals");
  });

  it("reads attributes, lists, stock and currency of good rows", () => {
    const read = readCatalogFile("csv", "sku,name,price,currency,in_stock,attr.skin_types,attr.vegan\nA-1,Cleanser,18.5,usd,no,dry|normal,yes\n");
    expect(read.rejected).toEqual([]);
    expect(read.valid[0]!.product).toMatchObject({ sku: "A-1", price: 18.5, currency: "USD", inStock: false, attributes: { skin_types: ["dry", "normal"], vegan: "yes" } });
  });

  it("refuses a file without the required columns", () => {
    expect(readCatalogFile("csv", "sku,title\nA,B").fileError).toBe("The header row lacks: name, price, currency");
  });
});

describe("readCatalogFile (JSON)", () => {
  it("takes an array or { products }, numbering rows from 1", () => {
    const read = readCatalogFile("json", JSON.stringify({ products: [{ sku: "A", name: "A", price: 5, currency: "EUR" }, { sku: "B", name: "B", price: "5", currency: "EUR" }] }));
    expect(read.valid.map((v) => v.product.sku)).toEqual(["A"]);
    expect(read.rejected).toEqual([{ row: 2, sku: "B", errors: [{ field: "price", message: "Enter a price as a number" }] }]);
    expect(readCatalogFile("json", "{oops").fileError).toBe("The file is not valid JSON");
  });
});
