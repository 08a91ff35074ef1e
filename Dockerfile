# The worker service's image: the wlm command, run by ECS as `wlm workers --env <env> --region <region>`
# (see "Deploy" in README.md). Build the jar first: mvn -B -DskipTests package -pl cli -am
FROM public.ecr.aws/amazoncorretto/amazoncorretto:17-al2023-headless
COPY cli/target/wlm.jar /opt/wlm/wlm.jar
# Not root: the workers need no privilege in the container.
USER 1000
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/wlm/wlm.jar"]
CMD ["workers", "--help"]
