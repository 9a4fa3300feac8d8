package spd.compiler.lang;

/** The type of a setting's value, which decides how it is read and checked. */
public enum ValueKind {
    POSITIVE_INTEGER("a positive whole number"),
    INTEGER("a whole number"),
    FRACTION("a number from 0 up to (not including) 1"),
    OPEN_FRACTION("a number strictly between 0 and 1"),
    PROBABILITY("a number above 0 and at most 1"),
    NEGATIVE("a negative number"),
    ABOVE_ONE("a number greater than 1"),
    POSITIVE("a positive number"),
    NON_NEGATIVE("a number >= 0"),
    NUMBER("a number"),
    WORD("one of the words listed"),
    INTEGER_RANGE("a range of epochs such as 10..100"),
    TEXT("a quoted string"),
    COLUMN("a column name in quotes or a column number");

    private final String description;

    ValueKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
