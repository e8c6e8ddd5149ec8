// See ../Checks.groovy: README's snippet and program, a reduction, and lrsched's INFO line through logback 1.2.
def checks = new GroovyShell().parse(new File(repositoryRoot, 'it/src/it/Checks.groovy'))
checks.verify(basedir, new File(repositoryRoot), 'logback')
return true
