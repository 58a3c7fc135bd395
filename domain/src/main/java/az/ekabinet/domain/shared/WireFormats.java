package az.ekabinet.domain.shared;

/**
 * The formats of the values the API takes and gives, as regular expressions for its OpenAPI document: what a client
 * may send (case and spaces as the parsers forgive them) and what it gets. The value types parse them
 * ({@code Fin}, {@code PhoneNumber}, {@code Money}, ...).
 */
public final class WireFormats {

    /** FİN: 7 of the Latin letters without I and O and digits, any case. */
    public static final String FIN = "^\\s*[0-9A-HJ-NP-Za-hj-np-z]{7}\\s*$";
    /** A mobile number in Azerbaijan: {@code +994501234567}, {@code 0501234567}, {@code +994 50 123 45 67}, ... */
    public static final String PHONE = "^[0-9+().\\s-]{9,32}$";
    public static final String SMS_CODE = "^\\s*[0-9]{6}\\s*$";
    /** 8 digits and a Luhn check digit. */
    public static final String CABINET_NUMBER = "^[0-9]{9}$";
    /** A cabinet number, or a FİN, or a staff account's name. */
    public static final String USERNAME = "^\\s*[0-9A-Za-z._-]{1,64}\\s*$";
    public static final String PAYMENT_CODE = "^\\s*[A-Za-z0-9]{10,20}\\s*$";
    /** An amount sent: manat with up to two decimals ("50", "50.5", "50.00"). */
    public static final String MONEY_IN = "^(0|[1-9][0-9]{0,8})(\\.[0-9]{1,2})?$";
    /** An amount answered: always two decimals ("50.00"). */
    public static final String MONEY_OUT = "^[0-9]+\\.[0-9]{2}$";
    public static final String APPLICATION_NUMBER = "^[0-9]{6}$";
    /** A score sent: points with at most one decimal ("45", "45.5"). */
    public static final String SCORE_IN = "^(0|[1-9][0-9]{0,3})(\\.[0-9])?$";
    /** A score answered: always one decimal ("45.0"). */
    public static final String SCORE_OUT = "^[0-9]+\\.[0-9]$";
    /** A subject's code on a result sheet, also its column in the scoring file ("LOGIC", "LANG_EN"). */
    public static final String SUBJECT_CODE = "^[A-Z][A-Z0-9_]{0,15}$";
    /** The whole number of an identity document as written on a payment: series then digits ("AZE12345678"). */
    public static final String DOCUMENT = "^\\s*(AZE|AA|MYI|DYI|aze|aa|myi|dyi)\\s*[0-9]{5,10}\\s*$";

    private WireFormats() {
    }
}
