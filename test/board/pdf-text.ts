export { pdfText } from "~/board/pack/pdf-text";
