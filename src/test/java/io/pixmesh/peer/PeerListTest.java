package io.pixmesh.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.pixmesh.store.StoreKey;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeerListTest {

    @Test
    void keepsTheOrderOfTheSetting() {
        PeerList list = PeerList.parse(
                "lon=http://10.1.0.5:8080/images, nyc=http://10.2.0.5:8080/images,sfo=https://sfo.example/");

        assertThat(list.peers()).containsExactly(
                new Peer("lon", URI.create("http://10.1.0.5:8080/images")),
                new Peer("nyc", URI.create("http://10.2.0.5:8080/images")),
                new Peer("sfo", URI.create("https://sfo.example")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void emptySettingMeansNoPeers(String setting) {
        assertThat(PeerList.parse(setting).isEmpty()).isTrue();
    }

    @Test
    void trailingSlashesAreTrimmedAndSchemeLowerCased() {
        Peer peer = PeerList.parse("a=HTTP://h:1/x//").peers().get(0);

        assertThat(peer.base()).isEqualTo(URI.create("http://h:1/x"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "lon                                  | lon",
        "Lon=http://h/                        | Lon=http://h/",
        "-lon=http://h/                       | -lon=",
        "a234567890123456789012345678901234=http://h | a2345",
        "lon=/images                          | absolute",
        "lon=ftp://h/images                   | http or https",
        "lon=http:///images                   | no host",
        "lon=http://u:p@h/images              | user info",
        "lon=http://h/images?x=1              | query",
        "lon=http://h/images#f                | fragment",
        "lon=http://h/a b                     | not a URL",
        "lon=http://h/a,                      | ''",
        "lon=http://h/a,lon=http://g/b        | used twice",
    })
    void refusesABadPairNamingIt(String setting, String expectedInMessage) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PeerList.parse(setting))
                .withMessageStartingWith("pixmesh.peers: ")
                .withMessageContaining(expectedInMessage);
    }

    @Test
    void uriForEncodesEachSegmentAndKeepsSeparators() {
        Peer peer = new Peer("lon", URI.create("http://127.0.0.1:8080/images"));

        URI uri = peer.uriFor(StoreKey.of("a b/ümlaut/x#y?z[1]:@!$&'()*+,;=~.png"));

        assertThat(uri.getRawPath())
                .isEqualTo("/images/a%20b/%C3%BCmlaut/x%23y%3Fz%5B1%5D:@!$&'()*+,;=~.png");
        assertThat(uri.getRawQuery()).isNull();
        assertThat(uri.getRawFragment()).isNull();
        assertThat(uri.getPath()).isEqualTo("/images/a b/ümlaut/x#y?z[1]:@!$&'()*+,;=~.png");
    }

    @Test
    void uriForWorksOnABaseWithoutPath() {
        Peer peer = PeerList.parse("a=http://127.0.0.1:9/").peers().get(0);

        assertThat(peer.uriFor(StoreKey.of("x/y.png"))).hasToString("http://127.0.0.1:9/x/y.png");
    }
}
