/**
 * Generates the sample data of the seed pipeline: people.csv with name, age, department, salary,
 * city and joined (a date), seeded so every run produces the same file.
 */
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { mulberry32 } from "./random.js";

export const DEPARTMENTS = ["Engineering", "Sales", "Marketing", "Finance", "Support", "Legal", "Operations", "Research"];
const CITIES = ["Lisbon", "Oslo", "Austin", "Osaka", "Lagos", "Quito", "Perth", "Gdańsk"];
const FIRST = ["Ana", "Bo", "Chen", "Dara", "Eli", "Femi", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea"];

export interface Person {
  name: string;
  age: number | null;
  department: string;
  salary: number;
  city: string;
  joined: string;
}

/** The i-th person of the seeded sequence (tests recompute expected answers from this). */
export function* people(rows: number, seed = 7): Generator<Person> {
  const rnd = mulberry32(seed);
  for (let i = 0; i < rows; i++) {
    const age = rnd() < 0.02 ? null : 18 + Math.floor(rnd() * 50);
    const department = DEPARTMENTS[Math.floor(rnd() * DEPARTMENTS.length)] as string;
    const salary = Math.round((30000 + rnd() * 120000) * 100) / 100;
    const city = CITIES[Math.floor(rnd() * CITIES.length)] as string;
    const day = Math.floor(rnd() * 5000);
    const joined = new Date(Date.UTC(2010, 0, 1) + day * 86400000).toISOString().slice(0, 10);
    const name = `${FIRST[i % FIRST.length]} ${i}`;
    yield { name, age, department, salary, city, joined };
  }
}

export async function writePeopleCsv(path: string, rows: number, seed = 7): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  let failed: Error | null = null;
  out.on("error", (err) => (failed = err));
  const write = (s: string): Promise<void> => {
    if (failed) return Promise.reject(failed);
    return new Promise((resolve) => (out.write(s) ? resolve() : out.once("drain", resolve)));
  };
  await write("name,age,department,salary,city,joined\n");
  let chunk = "";
  for (const p of people(rows, seed)) {
    chunk += `${p.name},${p.age ?? ""},${p.department},${p.salary},${p.city},${p.joined}\n`;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = "";
    }
  }
  await write(chunk);
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}
