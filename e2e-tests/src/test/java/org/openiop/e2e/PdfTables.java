package org.openiop.e2e;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.text.PDFMarkedContentExtractor;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDMarkedContent;
import org.apache.pdfbox.text.TextPosition;

/**
 * Reads a tagged PDF back through its structure tree, as assistive technology does: each Table element's TR rows and
 * their TH / TD cells, with the text of each cell's marked content (words on another line joined by a space).
 */
final class PdfTables {

    /** One cell: its structure type (TH or TD) and text. */
    record Cell(String type, String text) {
    }

    private PdfTables() {
    }

    /** Every table under the Document element, in reading order: rows of cells. */
    static List<List<List<Cell>>> read(PDDocument doc) throws IOException {
        Map<PDPage, Map<Integer, String>> text = new HashMap<>();
        for (PDPage page : doc.getPages()) {
            PDFMarkedContentExtractor extractor = new PDFMarkedContentExtractor();
            extractor.processPage(page);
            Map<Integer, String> byMcid = new HashMap<>();
            for (PDMarkedContent content : extractor.getMarkedContents()) {
                if (content.getMCID() >= 0) {
                    byMcid.put(content.getMCID(), text(content));
                }
            }
            text.put(page, byMcid);
        }
        PDStructureElement document = (PDStructureElement) doc.getDocumentCatalog().getStructureTreeRoot().getKids()
                .get(0);
        List<List<List<Cell>>> tables = new ArrayList<>();
        for (Object kid : document.getKids()) {
            if (kid instanceof PDStructureElement table && "Table".equals(table.getStructureType())) {
                List<List<Cell>> rows = new ArrayList<>();
                for (Object r : table.getKids()) {
                    PDStructureElement tr = (PDStructureElement) r;
                    List<Cell> cells = new ArrayList<>();
                    for (Object c : tr.getKids()) {
                        PDStructureElement cell = (PDStructureElement) c;
                        StringBuilder s = new StringBuilder();
                        for (Object mcid : cell.getKids()) {
                            s.append(text.get(cell.getPage()).getOrDefault((Integer) mcid, ""));
                        }
                        cells.add(new Cell(cell.getStructureType(), s.toString()));
                    }
                    rows.add(cells);
                }
                tables.add(rows);
            }
        }
        return tables;
    }

    private static String text(PDMarkedContent content) {
        StringBuilder s = new StringBuilder();
        float lastY = Float.NaN;
        for (Object part : content.getContents()) {
            if (part instanceof TextPosition t) {
                if (!Float.isNaN(lastY) && Math.abs(t.getY() - lastY) > 1 && !s.toString().endsWith(" ")) {
                    s.append(' ');
                }
                s.append(t.getUnicode());
                lastY = t.getY();
            }
        }
        return s.toString().strip();
    }
}
