package org.vlmeval.images;

import okio.Buffer;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The streamed base64 text is the encoder's, whether the image holds bytes or a text view. */
class LoadedImageTest {

    @Test
    void writesWhatTheEncoderMakesForEveryLengthAroundTheChunkSize() throws Exception {
        Random random = new Random(7);
        for (int n :
                new int[] {0, 1, 2, 3, 4, 5, 48 * 1024 - 1, 48 * 1024, 48 * 1024 + 1, 200_001}) {
            byte[] bytes = new byte[n];
            random.nextBytes(bytes);
            String expected = Base64.getEncoder().encodeToString(bytes);
            LoadedImage held = new LoadedImage(bytes, ImageFormat.PNG);
            LoadedImage view =
                    LoadedImage.ofCanonicalBase64("data:x," + expected, 7, n, ImageFormat.PNG);
            for (LoadedImage image : new LoadedImage[] {held, view}) {
                Buffer sink = new Buffer();
                image.writeBase64(sink);
                assertThat(sink.readUtf8()).as("%d bytes, %s", n, image).isEqualTo(expected);
                assertThat(image.base64Length()).isEqualTo(expected.length());
                assertThat(image.base64()).isEqualTo(expected);
                assertThat(image.bytes()).isEqualTo(bytes);
            }
        }
    }

    @Test
    void onlyTheEncodersOwnTextIsCanonical() {
        byte[] a = {'A'};
        assertThat(LoadedImage.isCanonicalBase64("QQ==", 0, a)).isTrue();
        assertThat(LoadedImage.isCanonicalBase64("x,QQ==", 2, a)).isTrue();
        // The decoder accepts these for the same byte; the encoder writes none of them.
        assertThat(Base64.getDecoder().decode("QR==")).isEqualTo(a);
        assertThat(LoadedImage.isCanonicalBase64("QR==", 0, a)).isFalse();
        assertThat(LoadedImage.isCanonicalBase64("QQ", 0, a)).isFalse();
        assertThat(LoadedImage.isCanonicalBase64("QQ==\n", 0, a)).isFalse();
        assertThat(LoadedImage.isCanonicalBase64("", 0, new byte[0])).isTrue();
    }
}
