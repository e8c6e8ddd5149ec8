// See ../Checks.groovy: README's snippet and program, a reduction, and lrsched's INFO line through slf4j-simple 2.
def checks = new GroovyShell().parse(new File(repositoryRoot, 'it/src/it/Checks.groovy'))
checks.verify(basedir, new File(repositoryRoot), 'slf4j2')
return true
