package io.pixmesh.peer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ViaHeaderTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "1.1 lon.img-1                          | true",
        "HTTP/1.1 LON.IMG-1                     | true",
        "1.0 fred, 1.1 lon.img-1 (Pixmesh)      | true",
        "1.1 par.img-1,1.1 lon.img-1            | true",
        "1.1 lon.img-2                          | false",
        "1.1 lon.img-10                         | false",
        "1.1 cdn.example.net (lon.img-1)        | false",
        "lon.img-1                              | false",
        "''                                     | false",
        "NULL                                   | false",
    })
    void findsThisNodeAmongTheReceivers(String via, boolean names) {
        assertThat(ViaHeader.names(via, "lon.img-1")).isEqualTo(names);
    }

    @ParameterizedTest
    @CsvSource({"lon.img-1, 1.1 lon.img-1"})
    void theMemberPixmeshAddsNamesItsSiteAndNode(String self, String member) {
        assertThat(ViaHeader.member(self)).isEqualTo(member);
        assertThat(ViaHeader.names(member, self)).isTrue();
    }
}
