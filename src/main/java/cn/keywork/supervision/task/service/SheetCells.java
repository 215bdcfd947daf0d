package cn.keywork.supervision.task.service;

import java.util.ArrayList;
import java.util.List;

import cn.keywork.supervision.web.ApiProblem;
import cn.keywork.supervision.web.FieldErrorCode;
import cn.keywork.supervision.web.ProblemType;

/**
 * The cells of one uploaded sheet, gathered while a reader streams them, within bounds: only the
 * template's columns are kept (an empty cell further right is ignored, one with content refused,
 * neither allocates anything), rows without content are passed over, and the rows with content are
 * counted as they come, so that too many are refused before they are all read. Readers hand cell
 * texts cut to at most {@link TaskSheet#MAX_CELL_CHARS} + 1 characters, so that a longer one is
 * known to be too long without being kept whole.
 */
final class SheetCells {

    /** XFD, Excel's last column, counted from 0. */
    static final int XLSX_LAST_COLUMN = 16383;

    /** A cell's position among the kept rows, for a text that is known only later (XLSX shared strings). */
    record Slot(int row, int column) {
    }

    /** Something wrong with one cell, told once the header row names its column. */
    record Problem(int row, int column, FieldErrorCode code, ImportMessage message) {
    }

    private final int maxDataRows;
    private final List<Integer> numbers = new ArrayList<>();
    private final List<String[]> rows = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private String[] current;
    private int currentNumber;
    private boolean currentHasContent;

    SheetCells(int maxDataRows) {
        this.maxDataRows = maxDataRows;
    }

    void startRow(int number) {
        current = new String[TaskSheet.MAX_COLUMNS];
        currentNumber = number;
        currentHasContent = false;
    }

    /** A cell of the current row; {@code column} counts from 0 and may lie anywhere to the right. */
    void cell(int column, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        checkColumn(column);
        current[column] = text;
        currentHasContent = true;
    }

    /** A cell with content whose text comes later; answers where {@link #fill} puts it. */
    Slot deferred(int column) {
        checkColumn(column);
        currentHasContent = true;
        return new Slot(rows.size(), column);
    }

    void fill(Slot slot, String text) {
        rows.get(slot.row())[slot.column()] = text;
    }

    /** A cell with content that cannot be taken as it stands (e.g. a number in no form Excel writes). */
    void problem(int column, FieldErrorCode code, ImportMessage message) {
        checkColumn(column);
        currentHasContent = true;
        problems.add(new Problem(currentNumber, column, code, message));
    }

    void endRow() {
        if (!currentHasContent) {
            return;
        }
        if (rows.size() > maxDataRows) {
            throw new ApiProblem(ProblemType.PAYLOAD_TOO_LARGE, ImportMessage.TOO_MANY_ROWS, maxDataRows);
        }
        rows.add(current);
        numbers.add(currentNumber);
        current = null;
    }

    /** The kept rows with content, the header first. */
    List<String[]> rows() {
        return rows;
    }

    /** The number of a kept row as the spreadsheet shows it. */
    int number(int row) {
        return numbers.get(row);
    }

    List<Problem> problems() {
        return problems;
    }

    private void checkColumn(int column) {
        if (column >= TaskSheet.MAX_COLUMNS) {
            throw ApiProblem.invalid("row " + currentNumber + ": column " + letters(column), FieldErrorCode.SIZE,
                    ImportMessage.TOO_MANY_COLUMNS, TaskSheet.MAX_COLUMNS, letters(TaskSheet.MAX_COLUMNS - 1));
        }
    }

    /** A column as a spreadsheet names it: 0 is A, 26 is AA; beyond Excel's last column (XFD) just "beyond XFD". */
    static String letters(int column) {
        if (column < 0 || column > XLSX_LAST_COLUMN) {
            return "beyond XFD";
        }
        StringBuilder name = new StringBuilder();
        for (int n = column + 1; n > 0; n = (n - 1) / 26) {
            name.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return name.toString();
    }
}
