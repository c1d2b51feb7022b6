# A naive PII masker in Perl, the baseline of benchmarks/compare.sh: one regex per type,
# applied to each line in turn, with the checksums a careful script would add (Luhn for
# cards, mod-97 for IBANs) and the same masks as piimask (keep the last 4 digits, drop
# white space; e-mail: keep the first character and @domain). No context words, no
# prefilter, no byte tricks: what "grep for PII" looks like when written quickly.
#
#     perl -p benchmarks/naive-mask.pl < input > output
use strict;
use warnings;

our ($CARD, $IBAN, $SSN, $PHONE_INTL, $PHONE_NATIONAL, $PHONE_NANP, $EMAIL);
BEGIN {
    $CARD           = qr/(?<![\w.\/-])(?:\d[ -]?){11,18}\d(?!\d)/;
    $IBAN           = qr/(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?(?![A-Za-z0-9])/;
    $SSN            = qr/(?<![\w-])(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\w-])/;
    $PHONE_INTL     = qr/(?<![\w+])(?:\+|00)[1-9]\d{0,2}(?:[ .\-\/]?\(0\))?(?:[ .\-\/]?\d){6,14}(?!\d)/;
    $PHONE_NATIONAL = qr/(?<![\w.\/#@-])0[1-9]\d{0,4}([ .\-\/])\d{2,8}(?:\1\d{2,8}){0,3}(?![\d])/;
    $PHONE_NANP     = qr/(?<![\w])(?:1[ -])?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}(?!\d)/;
    $EMAIL          = qr/(?<![\w.+-])([A-Za-z0-9])([A-Za-z0-9._%+-]*)(@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})(?![\w-])/;
}

# Every non-space character but the last four becomes '*'; white space is dropped.
sub keep_last4 {
    my ($value) = @_;
    $value =~ s/\s+//g;
    my $length = length $value;
    return $length <= 4 ? $value : ('*' x ($length - 4)) . substr($value, -4);
}

sub luhn_ok {
    my ($value) = @_;
    (my $digits = $value) =~ tr/0-9//cd;
    my ($sum, $double) = (0, 0);
    for my $digit (reverse split //, $digits) {
        my $v = $digit;
        if ($double) { $v *= 2; $v -= 9 if $v > 9 }
        $sum += $v;
        $double = !$double;
    }
    return $sum % 10 == 0;
}

sub mod97_ok {
    my ($value) = @_;
    (my $iban = uc $value) =~ tr/A-Z0-9//cd;
    my $moved = substr($iban, 4) . substr($iban, 0, 4);
    my $remainder = 0;
    for my $char (split //, $moved) {
        my $number = $char =~ /\d/ ? $char : ord($char) - 55;
        $remainder = ($remainder * ($number >= 10 ? 100 : 10) + $number) % 97;
    }
    return $remainder == 1;
}

sub digit_count {
    my ($value) = @_;
    return ($value =~ tr/0-9//);
}

s/$CARD/luhn_ok($&) ? keep_last4($&) : $&/ge;
s/$IBAN/mod97_ok($&) ? keep_last4($&) : $&/ge;
s/$SSN/keep_last4($&)/ge;
s/$PHONE_INTL/keep_last4($&)/ge;
s/$PHONE_NATIONAL/my $d = digit_count($&); ($d >= 9 && $d <= 12) ? keep_last4($&) : $&/ge;
s/$PHONE_NANP/keep_last4($&)/ge;
s/$EMAIL/$1 . ('*' x length $2) . $3/ge;
