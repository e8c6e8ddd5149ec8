package dev.lrsched.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The module's exclusions keep deeplearning4j-parallel-wrapper light (the parameter server, Aeron, JCommander,
 * DataVec, OpenCV/FFmpeg, HDF5, dataset fetchers stay out) while what ParallelWrapper needs stays in; the other
 * tests of this module train through it on this class path.
 */
class ParallelClasspathTest {

    @Test
    void heavyDependenciesOfTheWrapperAreExcluded() {
        for (String absent : new String[] {
            "io.aeron.Aeron",                                            // nd4j-parameter-server
            "org.nd4j.parameterserver.client.ParameterServerClient",     // nd4j-parameter-server-client
            "com.beust.jcommander.JCommander",                           // ParallelWrapperMain only
            "org.datavec.api.records.reader.RecordReader",               // datavec-api
            "org.bytedeco.opencv.global.opencv_core",                    // datavec-data-image
            "org.deeplearning4j.nn.modelimport.keras.KerasModelImport",  // deeplearning4j-modelimport
            "org.deeplearning4j.datasets.fetchers.MnistDataFetcher"}) {  // deeplearning4j-datasets
            assertThatThrownBy(() -> Class.forName(absent, false, getClass().getClassLoader()))
                    .as(absent).isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void whatParallelWrapperNeedsIsPresent() throws ClassNotFoundException {
        for (String present : new String[] {
            "org.deeplearning4j.parallelism.ParallelWrapper",
            "org.deeplearning4j.core.storage.StatsStorageRouter",         // deeplearning4j-core, kept
            "org.deeplearning4j.datasets.iterator.DummyBlockDataSetIterator"}) {
            assertThat(Class.forName(present, true, getClass().getClassLoader())).isNotNull();
        }
    }
}
