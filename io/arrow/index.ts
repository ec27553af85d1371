export { readArrowStreamFile, writeArrowStreamFile } from "./stream-file.js";
