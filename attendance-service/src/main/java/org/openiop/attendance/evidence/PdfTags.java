package org.openiop.attendance.evidence;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.COSObjectable;
import org.apache.pdfbox.pdmodel.common.PDNumberTreeNode;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkInfo;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDParentTreeValue;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.documentinterchange.taggedpdf.StandardStructureTypes;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;

/**
 * The evidence PDF's logical structure (a tagged PDF, as PDF/UA asks): one Document element holding headings,
 * paragraphs and tables (Table, TR, TH with column scope, TD) in reading order, each leaf tied to its marked content;
 * page headers, footers, rules and a table's repeated header row are artifacts; the catalog says the document is
 * marked, its language, and that viewers show its title.
 */
final class PdfTags {

    private final PDStructureTreeRoot root = new PDStructureTreeRoot();
    private final PDStructureElement document;
    private final Map<Integer, COSObjectable> parents = new HashMap<>();
    private COSArray pageParents;
    private PDPage page;
    private int mcid;

    PdfTags(PDDocument doc) {
        PDDocumentCatalog catalog = doc.getDocumentCatalog();
        catalog.setStructureTreeRoot(root);
        PDMarkInfo mark = new PDMarkInfo();
        mark.setMarked(true);
        catalog.setMarkInfo(mark);
        catalog.setLanguage("en-US");
        PDViewerPreferences preferences = new PDViewerPreferences(new COSDictionary());
        preferences.setDisplayDocTitle(true);
        catalog.setViewerPreferences(preferences);
        document = new PDStructureElement(StandardStructureTypes.DOCUMENT, root);
        root.appendKid(document);
    }

    void startPage(PDPage next, int index) {
        next.setStructParents(index);
        pageParents = new COSArray();
        parents.put(index, new PDParentTreeValue(pageParents));
        page = next;
        mcid = 0;
    }

    /** Opens a tagged line of this type (H1, H2, P, ...); the caller draws it, then calls {@code endMarkedContent}. */
    void begin(PDPageContentStream content, String type) throws IOException {
        begin(content, type, document);
    }

    /** Opens tagged content of this type under {@code parent} (a TH or TD under its TR); returns its element. */
    PDStructureElement begin(PDPageContentStream content, String type, PDStructureElement parent) throws IOException {
        PDStructureElement element = new PDStructureElement(type, parent);
        element.setPage(page);
        element.appendKid(mcid);
        parent.appendKid(element);
        pageParents.add(element);
        content.beginMarkedContent(COSName.getPDFName(type), mcid++);
        return element;
    }

    /** A structure element without content of its own (a Table under the document, a TR under its Table). */
    PDStructureElement group(String type, PDStructureElement parent) {
        PDStructureElement element = new PDStructureElement(type, parent);
        parent.appendKid(element);
        return element;
    }

    PDStructureElement document() {
        return document;
    }

    /** Opens content that is not part of the text (the page footer). */
    void artifact(PDPageContentStream content) throws IOException {
        content.beginMarkedContent(COSName.ARTIFACT);
    }

    void finish(int pages) {
        PDNumberTreeNode tree = new PDNumberTreeNode(PDParentTreeValue.class);
        tree.setNumbers(parents);
        root.setParentTree(tree);
        root.setParentTreeNextKey(pages);
    }
}
