// What a user's WAR gets in WEB-INF/lib from depending on the installed library alone (issue 20): one Jackson version
// line for every jackson-* jar (java-jwt's older Jackson must not win any of them), java-jwt, the library, and none of
// the Jakarta or MicroProfile APIs, which the container provides. Every failure is listed at once.
def lib = new File(basedir, 'target/consumer-war-1/WEB-INF/lib')
if (!lib.isDirectory()) {
    // the build resolves from this build's local repository alone; what the library brings was put there, so a
    // missing artifact is one the library's pom lets a consumer resolve differently from the reactor
    def log = new File(basedir, 'build.log')
    def error = log.isFile() ? log.readLines().find { it.contains('[ERROR]') && it.trim().length() > 8 } : null
    def missing = error == null ? null : (error =~ /(com\.fasterxml\.jackson[\w.]*:[\w.-]+:jar:[\w.-]+)/)
    def why = missing?.find()
            ? "\nA consumer resolves ${missing.group(1)}, not the library's Jackson ${jacksonVersion}: declare every " +
              "jackson-* module the library needs in its pom (java-jwt brings an older Jackson)"
            : ''
    throw new AssertionError("The consumer WAR was not built: ${error ?: 'see build.log'}${why}")
}
def jars = (lib.list() as List).sort()
def problems = []

def versioned = jars.collect { name ->
    def m = name =~ /^(.+?)-(\d+(?:\.\d+)*(?:[-.][A-Za-z0-9]+)*)\.jar$/
    m.matches() ? [artifact: m.group(1), version: m.group(2), jar: name] : [artifact: name, version: '', jar: name]
}

def jackson = versioned.findAll { it.artifact.startsWith('jackson-') }
jackson.groupBy { it.artifact }.each { artifact, copies ->
    if (copies.size() > 1) {
        problems << "${artifact} is there ${copies.size()} times: ${copies*.jar}"
    }
}
['jackson-core', 'jackson-databind', 'jackson-annotations'].each { artifact ->
    if (!jackson.any { it.artifact == artifact }) {
        problems << "${artifact} is missing"
    }
}
def lines = jackson.collect { it.version.tokenize('.').take(2).join('.') }.unique()
if (lines.size() > 1) {
    problems << "the jackson-* jars are of ${lines.size()} version lines, ${lines}: ${jackson*.jar}; a WAR must get " +
            "one, so the library's pom declares jackson-core, -databind and -annotations itself (java-jwt brings " +
            "an older Jackson)"
}
if (!versioned.any { it.artifact == 'java-jwt' }) {
    problems << 'java-jwt is missing'
}
if (!versioned.any { it.artifact == 'chatsdk-jakarta' }) {
    problems << 'chatsdk-jakarta is missing'
}
def apis = jars.findAll { it.startsWith('jakarta.') || it.startsWith('microprofile-') || it.contains('-api-') }
if (apis) {
    problems << "container APIs in the WAR, which the server provides (they must stay 'provided'): ${apis}"
}

if (problems) {
    throw new AssertionError("The consumer WAR's WEB-INF/lib is wrong:\n  " + problems.join('\n  ') +
            "\nWEB-INF/lib: ${jars}")
}
println "consumer WAR's WEB-INF/lib: ${jars}"
return true
