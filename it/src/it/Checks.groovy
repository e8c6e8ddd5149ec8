// Shared checks of the consumer projects (called by each project's verify.groovy).
// Throws AssertionError (the invoker reports the project as failed) with what was expected and what was found.
import java.util.regex.Pattern

/** The fenced code block of the given language that follows the README heading. */
String readmeBlock(String readme, String heading, String lang) {
    int h = readme.indexOf(heading)
    assert h >= 0 : "README.md has no heading '${heading}'"
    def m = Pattern.compile('```' + lang + '\\n(.*?)\\n```', Pattern.DOTALL).matcher(readme)
    assert m.find(h) : "README.md: no ```${lang} block after '${heading}'"
    return m.group(1)
}

String normalizeXml(String xml) {
    xml.replaceAll('(?s)<!--.*?-->', ' ').replaceAll('\\s+', ' ').replaceAll('> <', '><').trim()
}

/** The <dependency> elements of the project's <dependencies> (the one after <dependencyManagement>), normalized. */
List<String> dependencies(String xml) {
    def m = (normalizeXml(xml) =~ /<\/dependencyManagement><dependencies>(.*?)<\/dependencies>/)
    assert m.find() : 'expected <dependencyManagement> (the BOM import) followed by <dependencies>'
    return (m.group(1) =~ /<dependency>.*?<\/dependency>/).collect { it }
}

boolean isBinding(String dep) {
    dep.contains('<artifactId>logback-classic</artifactId>') || dep.contains('<artifactId>slf4j-simple</artifactId>')
}

/** Lines of the application's output (Maven's [INFO]/[ERROR] prefixes removed). */
List<String> output(File basedir) {
    new File(basedir, 'build.log').readLines().collect { it.replaceFirst('^\\[(INFO|WARNING|ERROR)\\] ', '') }
}

void verify(File basedir, File repositoryRoot, String variant) {
    String readme = new File(repositoryRoot, 'README.md').getText('UTF-8')
    String heading = '## Use lrsched in your project'

    // (a) The build uses README's snippet: the BOM import and the dependencies, in README's order, lrsched first and
    //     the logging binding after it.
    String snippet = readmeBlock(readme, heading, 'xml')
    String pom = new File(basedir, 'pom.xml').getText('UTF-8')
    def dm = (normalizeXml(snippet) =~ /<dependencyManagement>.*<\/dependencyManagement>/)
    assert dm.find() : 'README snippet has no <dependencyManagement> (BOM import)'
    assert normalizeXml(pom).contains(dm.group(0)) : "pom.xml does not import the BOM as README.md does:\n${dm.group(0)}"
    List<String> readmeDeps = dependencies(snippet)
    List<String> pomDeps = dependencies(pom)
    assert readmeDeps.findAll { !isBinding(it) } == pomDeps.findAll { !isBinding(it) } :
            "dependencies differ from README.md:\nREADME: ${readmeDeps}\npom:    ${pomDeps}"
    if (variant == 'logback') {
        assert readmeDeps.findAll { isBinding(it) } == pomDeps.findAll { isBinding(it) } : 'logback entry differs from README.md'
    }
    int lrsched = pomDeps.findIndexOf { it.contains('<groupId>dev.lrsched</groupId>') }
    int binding = pomDeps.findIndexOf { isBinding(it) }
    assert lrsched == 0 && binding > lrsched : 'lrsched must be declared first and the logging binding after it'

    // (b) The program is README's: every line of README's Java block appears, in order, in App.java.
    List<String> code = readmeBlock(readme, heading, 'java').readLines()*.trim().findAll { it }
    List<String> app = new File(repositoryRoot, 'it/src/it/consumer-logback/src/main/java/com/example/App.java')
            .readLines()*.trim()
    int at = 0
    for (String line : code) {
        int found = app.subList(at, app.size()).indexOf(line)
        assert found >= 0 : "App.java does not contain README.md's line (in README's order):\n  ${line}"
        at += found + 1
    }

    // (c) It ran, and the plateau listener reduced the learning rate.
    List<String> out = output(basedir)
    String reductions = out.find { it.startsWith('APP reductions=') }
    assert reductions != null : 'the application did not finish (no APP reductions= line)'
    assert (reductions - 'APP reductions=') as int > 0 : "no plateau reduction happened: ${reductions}"

    // (d) lrsched's reduction INFO line and DL4J's own INFO lines reached the application's binding; SLF4J printed no
    //     diagnostics (no "No SLF4J providers", NOP fallback, multiple bindings, version mismatch).
    String factory = variant == 'logback' ? 'ch.qos.logback.classic.LoggerContext' : 'org.slf4j.simple.SimpleLoggerFactory'
    assert out.contains('APP logger factory=' + factory) : "SLF4J is not bound to ${factory}: ${out.find { it.startsWith('APP logger factory=') }}"
    String api = out.find { it.startsWith('APP slf4j-api=') }
    assert api ==~ (variant == 'logback' ? /.*\/slf4j-api-1\.7\.\d+\.jar/ : /.*\/slf4j-api-2\.\d+\.\d+\.jar/) : "unexpected slf4j-api: ${api}"
    def lrschedLine = variant == 'logback' ? ~/^LOGBACK INFO +dev\.lrsched\.\S+ - ReduceLROnPlateau: .*/
                                           : ~/^\[main\] INFO dev\.lrsched\.\S+ - ReduceLROnPlateau: .*/
    def dl4jLine = variant == 'logback' ? ~/^LOGBACK INFO +org\.nd4j\.\S+ - .*/ : ~/^\[main\] INFO org\.nd4j\.\S+ - .*/
    String reduction = out.find { it ==~ lrschedLine && it.contains(' -> ') }
    assert reduction != null : "lrsched's reduction INFO line did not reach ${variant}"
    assert out.any { it ==~ dl4jLine } : "DL4J's own INFO lines did not reach ${variant}"
    List<String> diagnostics = out.findAll { it ==~ /^SLF4J[:(].*/ }
    assert diagnostics.isEmpty() : "SLF4J diagnostics: ${diagnostics}"
    println "[${variant}] ${reduction}"
}
