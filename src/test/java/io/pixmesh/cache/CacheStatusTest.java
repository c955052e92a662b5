package io.pixmesh.cache;

import static io.pixmesh.cache.CacheStatus.Forward.REQUEST;
import static io.pixmesh.cache.CacheStatus.Forward.STALE;
import static io.pixmesh.cache.CacheStatus.Forward.URI_MISS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;

class CacheStatusTest {

    @Test
    void freshHit() {
        assertThat(CacheStatus.hit(2).value()).isEqualTo("Pixmesh; hit; ttl=2");
    }

    @Test
    void staleHitServedWhileRevalidatingInTheBackground() {
        assertThat(CacheStatus.hit(-5).value()).isEqualTo("Pixmesh; hit; ttl=-5");
    }

    @Test
    void missStored() {
        assertThat(CacheStatus.forwarded(URI_MISS, 200).ttl(2).stored().value())
                .isEqualTo("Pixmesh; fwd=uri-miss; fwd-status=200; ttl=2; stored");
    }

    @Test
    void tooLargeToStoreSoTheOriginAnsweredItselfWithItsOwnStatus() {
        assertThat(CacheStatus.tooLarge(URI_MISS).value()).isEqualTo("Pixmesh; fwd=uri-miss; detail=too-large");
        assertThat(CacheStatus.tooLarge(STALE).value()).isEqualTo("Pixmesh; fwd=stale; detail=too-large");
    }

    @Test
    void hitsOfEveryTtlReadTheSame() {
        for (long ttl = -700; ttl <= 700; ttl++) {
            assertThat(CacheStatus.hit(ttl).value()).isEqualTo("Pixmesh; hit; ttl=" + ttl);
        }
    }

    @Test
    void missNotStored() {
        assertThat(CacheStatus.forwarded(URI_MISS, 200).value())
                .isEqualTo("Pixmesh; fwd=uri-miss; fwd-status=200");
    }

    @Test
    void negativeMissStored() {
        assertThat(CacheStatus.forwarded(URI_MISS, 404).ttl(10).stored().value())
                .isEqualTo("Pixmesh; fwd=uri-miss; fwd-status=404; ttl=10; stored");
    }

    @Test
    void collapsedIntoAnotherRequestsFetch() {
        assertThat(CacheStatus.forwarded(URI_MISS, 200).ttl(2).collapsed(true).value())
                .isEqualTo("Pixmesh; fwd=uri-miss; fwd-status=200; ttl=2; collapsed");
    }

    @Test
    void waitedForAnotherRequestsFetchThenFetchedAlone() {
        assertThat(CacheStatus.forwarded(URI_MISS, 200).collapsed(false).value())
                .isEqualTo("Pixmesh; fwd=uri-miss; fwd-status=200; collapsed=?0");
    }

    @Test
    void staleRevalidatedByA304() {
        assertThat(CacheStatus.forwarded(STALE, 304).ttl(2).value())
                .isEqualTo("Pixmesh; fwd=stale; fwd-status=304; ttl=2");
    }

    @Test
    void staleReplacedByANewResponse() {
        assertThat(CacheStatus.forwarded(STALE, 200).ttl(2).stored().value())
                .isEqualTo("Pixmesh; fwd=stale; fwd-status=200; ttl=2; stored");
    }

    @Test
    void staleServedBecauseTheOriginFailed() {
        assertThat(CacheStatus.staleIfError(503, -5).value())
                .isEqualTo("Pixmesh; fwd=stale; fwd-status=503; ttl=-5; detail=stale-if-error");
    }

    @Test
    void forwardedBecauseTheRequestForbadeTheStoredResponse() {
        assertThat(CacheStatus.forwarded(REQUEST, 200).ttl(2).stored().value())
                .isEqualTo("Pixmesh; fwd=request; fwd-status=200; ttl=2; stored");
    }

    @Test
    void parametersComeInOneOrderWhateverTheCallOrder() {
        CacheStatus one = CacheStatus.forwarded(STALE, 304).collapsed(true).stored().ttl(2);
        CacheStatus other = CacheStatus.forwarded(STALE, 304).ttl(2).stored().collapsed(true);

        assertThat(one.value())
                .isEqualTo(other.value())
                .isEqualTo("Pixmesh; fwd=stale; fwd-status=304; ttl=2; stored; collapsed")
                .isEqualTo(one.toString());
    }

    @Test
    void aHitNeitherStoresNorCollapses() {
        assertThatIllegalStateException().isThrownBy(() -> CacheStatus.hit(1).stored());
        assertThatIllegalStateException().isThrownBy(() -> CacheStatus.hit(1).collapsed(true));
    }

    @Test
    void refusesWhatIsNotAStatusCode() {
        assertThatIllegalArgumentException().isThrownBy(() -> CacheStatus.forwarded(STALE, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> CacheStatus.staleIfError(1000, 0));
    }
}
