package cn.keywork.supervision.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads the exports' XLSX back without a spreadsheet library: its parts, and a sheet's cells as text. */
public final class XlsxSheets {

    /**
     * Every part of the workbook by name, as text. Through a file: the writer streams its entries with
     * data descriptors, which {@code ZipInputStream} cannot read.
     */
    public static Map<String, String> parts(byte[] xlsx) {
        try {
            Path file = Files.createTempFile("export", ".xlsx");
            try {
                Files.write(file, xlsx);
                Map<String, String> parts = new HashMap<>();
                try (ZipFile zip = new ZipFile(file.toFile())) {
                    for (ZipEntry entry : Collections.list(zip.entries())) {
                        parts.put(entry.getName(), new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
                return parts;
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of the n-th worksheet (from 1), every cell as its text (shared or inline strings, numbers). */
    public static List<List<String>> rows(byte[] xlsx, int number) {
        Map<String, String> parts = parts(xlsx);
        return rows(parts, "xl/worksheets/sheet" + number + ".xml");
    }

    /** The rows of the worksheet part {@code name}; a cell left out stays an empty text in its column. */
    public static List<List<String>> rows(Map<String, String> parts, String name) {
        List<String> shared = new ArrayList<>();
        if (parts.containsKey("xl/sharedStrings.xml")) {
            NodeList items = xml(parts.get("xl/sharedStrings.xml")).getElementsByTagName("si");
            for (int i = 0; i < items.getLength(); i++) {
                shared.add(items.item(i).getTextContent());
            }
        }
        List<List<String>> rows = new ArrayList<>();
        NodeList rowNodes = xml(parts.get(name)).getElementsByTagName("row");
        for (int r = 0; r < rowNodes.getLength(); r++) {
            List<String> row = new ArrayList<>();
            NodeList cells = ((Element) rowNodes.item(r)).getElementsByTagName("c");
            for (int c = 0; c < cells.getLength(); c++) {
                Element cell = (Element) cells.item(c);
                int column = column(cell.getAttribute("r"));
                while (row.size() < column) {
                    row.add("");
                }
                String text = cell.getTextContent();
                row.add("s".equals(cell.getAttribute("t")) ? shared.get(Integer.parseInt(text.trim())) : text);
            }
            rows.add(row);
        }
        return rows;
    }

    /** A part parsed as XML (no DOCTYPE). */
    public static Document xml(String text) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException("Not XML: " + text.substring(0, Math.min(80, text.length())), e);
        }
    }

    /** The column index (from 0) of a cell reference such as {@code AB12}. */
    private static int column(String reference) {
        int column = 0;
        for (char c : reference.toCharArray()) {
            if (!Character.isLetter(c)) {
                break;
            }
            column = column * 26 + (c - 'A' + 1);
        }
        return column - 1;
    }

    private XlsxSheets() {
    }
}
